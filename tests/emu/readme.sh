#!/bin/sh
# The README's example commands, run as written (in a scratch folder
# where build/ and tests/ are the project's): each must exit 0.  The two
# that need a debugger or a pager (--gdb, | less) are left out; the
# files they name but do not make (known-good.rr, a.rr, b.rr, killed.rr)
# are made first: copies of trace.rr, and a recording cut short.  A
# salvage says 1 when it lost something (rrcut(1)), as it must for a
# killed log: there, the saved log must verify.
set -u
B=${B:-build}
R=$(pwd)
X=$(cd "$B" && pwd)
. tests/emu/lib.sh

# The first shell block of the README: its "$ build/..." lines.
sed -n '/^```$/,/^```$/{ /^\$ build\//p; }' README.md | sed 's/^\$ //' >"$T/cmds"
n=$(wc -l <"$T/cmds")
[ "$n" -ge 10 ] && ok "the README's examples: $n commands" ||
    bad "the README's examples: $n commands found"
ln -s "$X" "$T/build" && ln -s "$R/tests" "$T/tests" || exit 2
cd "$T" || exit 2
made=0
while IFS= read -r c; do
	case $c in
	*--gdb*|*'| less'*) continue ;;
	esac
	sh -c "$c" >out 2>err </dev/null
	st=$?
	case $c in
	*--salvage*) [ $st = 1 ] && $X/rrverify -q saved.rr && st=0 ;;
	esac
	[ $st = 0 ] && ok "$c" || { bad "$c: exit status $st"; sed 's/^/	/' err; }
	# After the first recording: the logs the later examples compare
	# and salvage.
	if [ $made = 0 ] && [ -f trace.rr ]; then
		made=1
		cp trace.rr known-good.rr && cp trace.rr a.rr && cp trace.rr b.rr &&
		    build/rremu record -q -B 1K -o full.rr build/guests/demo.elf \
		    <tests/guests/demo.in >/dev/null &&
		    head -c $(( $(wc -c <full.rr) - 200 )) full.rr >killed.rr ||
		    exit 2
	fi
done <"$T/cmds"
echo "readme: $pass passed, $fail failed"
[ $fail = 0 ]
