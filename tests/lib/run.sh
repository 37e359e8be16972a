#!/bin/sh
# librr as another program sees it: the example of librr(3), built
# against an installed copy (make install PREFIX=$B/libtest, done by the
# Makefile) through pkg-config, run on a good and a damaged log.
#   environment: B (build directory), CC, EXAMPLE_CFLAGS (the build's
#   warning and sanitizer flags), PKG_CONFIG
B=${B:-build}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
dir=$B/libtest
PKG_CONFIG_PATH=$(cd "$dir" && pwd)/lib/pkgconfig
export PKG_CONFIG_PATH
fail=0

# The program librr(3) shows is the one built here.
sed -n '/^\.Bd -literal -offset indent$/,/^\.Ed$/p' man/librr.3 |
    sed -e '1d' -e '/^\.Ed$/,$d' -e 's/\\e/\\/g' >"$dir/man-example.c"
if ! sed 1d tests/lib/example.c | cmp -s - "$dir/man-example.c"; then
	echo "lib-example: the example in man/librr.3 and tests/lib/example.c differ:"
	sed 1d tests/lib/example.c | diff -u - "$dir/man-example.c"
	fail=1
fi

# librr is a static archive: its own dependencies come with --static.
flags=$($PKG_CONFIG --static --cflags --libs librr) || exit 1
# shellcheck disable=SC2086
$CC $EXAMPLE_CFLAGS -o "$dir/example" tests/lib/example.c $flags || exit 1

"$dir/example" "$B/data/good-basic.rr" 250 >"$dir/good.out" 2>"$dir/good.err"
rc=$?
if [ $rc -ne 0 ] || [ -s "$dir/good.err" ] ||
    ! cmp -s tests/lib/example.out "$dir/good.out"; then
	echo "lib-example: good-basic.rr: exit $rc, output differs:"
	diff -u tests/lib/example.out "$dir/good.out"
	cat "$dir/good.err"
	fail=1
fi
"$dir/example" "$B/data/bad-truncated.rr" 0 >/dev/null 2>"$dir/bad.err"
rc=$?
if [ $rc -ne 1 ] || ! grep -q 'truncated' "$dir/bad.err"; then
	echo "lib-example: bad-truncated.rr: exit $rc (want 1):"
	cat "$dir/bad.err"
	fail=1
fi
# The QEMU replay log reader from the installed <qreplay.h>: its counts
# are rrdump --stats's.
# shellcheck disable=SC2086
$CC $EXAMPLE_CFLAGS -o "$dir/qexample" tests/lib/qexample.c $flags || exit 1
q=$B/data/qemu-every-kind.qlog
"$dir/qexample" "$q" >"$dir/q.out" 2>"$dir/q.err"
rc=$?
"$B/rrdump" -s "$q" | awk -F' = ' '
    $1 == "events" { n = $2 } $1 == "icount_last" { ic = $2 }
    $1 ~ /^events\./ { k[++m] = substr($1, 8) " " $2 }
    END { print n, ic; for (i = 1; i <= m; i++) print k[i] }' >"$dir/q.want" ||
    exit 1
awk 'NR == 1 { print $3, $6; next } { print }' "$dir/q.out" | tr -d ',' |
    sort >"$dir/q.got"
sort "$dir/q.want" >"$dir/q.want.s"
if [ $rc -ne 0 ] || [ -s "$dir/q.err" ] || [ "$(wc -l <"$dir/q.got")" -lt 10 ] ||
    ! cmp -s "$dir/q.want.s" "$dir/q.got"; then
	echo "lib-example: qexample on $q: exit $rc, counts differ from rrdump -s:"
	diff -u "$dir/q.want.s" "$dir/q.got"
	cat "$dir/q.err"
	fail=1
fi
[ $fail -eq 0 ] && echo "lib-example: installed librr, pkg-config, examples: ok"
exit $fail
