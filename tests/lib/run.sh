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
[ $fail -eq 0 ] && echo "lib-example: installed librr, pkg-config, example: ok"
exit $fail
