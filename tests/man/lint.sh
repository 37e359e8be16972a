#!/bin/sh
# The man pages, rendered: mandoc's own lint first, then what it does not
# see.  A word that follows a flag in an mdoc macro line becomes a flag
# too, unless No ends the flag ("what Fl i leaves out" renders as
# "what -i -leaves -out"); and a macro name written where the macro is not
# parsed shows up as a word.  So every rendered "-word" must be written
# as a flag in the source ("Fl word", or "-word" / "\-word" in a literal
# display), and no macro name may stand alone in the text.
#
#   sh tests/man/lint.sh man/*.[1357]
# Exit 0 when every page is clean, 1 otherwise (each problem printed as
# page: line: text).
set -u
[ $# -gt 0 ] || { echo "usage: lint.sh PAGE..." >&2; exit 2; }
command -v mandoc >/dev/null || { echo "lint.sh: mandoc missing (make deps)" >&2; exit 2; }
mandoc -Tlint -Wwarning "$@" || exit 1
bad=0
for page in "$@"; do
	text=$(mandoc -Tascii "$page" | col -b) || { echo "$page: mandoc failed"; bad=1; continue; }
	# Every "-word" of two letters or more in the rendered page.
	for w in $(printf '%s\n' "$text" | grep -oE '(^|[[:space:]([{])-[A-Za-z][A-Za-z_]+' |
	    sed 's/^[[:space:]([{]*-//' | sort -u); do
		grep -qE "(^|[[:space:]])Fl $w([[:space:]]|\$)|(^|[^A-Za-z-])(\\\\-|-)$w([^A-Za-z]|\$)" "$page" ||
		    { printf '%s\n' "$text" | grep -n -- "-$w" | sed "s#^#$page: #;s#\$#  (-$w: not a flag in the source)#"; bad=1; }
	done
	# A macro name as a word of the text (not "No", an English word).
	printf '%s\n' "$text" | grep -nE '(^|[[:space:](])(Fl|Ar|Op|Oo|Oc|Xr|Pa|Nm|Cm|Ic|Sx|Dq|Qq|Sq|Ql|Ev|Er|Pq|Bq|Ns|Dv|Fn|Fa|Ft|Va|Sy|Em)([[:space:]),.;:]|$)' |
	    sed "s#^#$page: #;s#\$#  (a macro name in the text)#" | grep . && bad=1
done
[ $bad -eq 0 ] && echo "manlint: $# pages clean"
exit $bad
