# A snapshot of a 64M machine does not load into a 128M one.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu run -m 64M -u 1000 -S "$t/s.snap" $B/guests/hello.elf </dev/null \
    2>/dev/null || exit
$B/rremu run -m 128M -L "$t/s.snap" $B/guests/hello.elf </dev/null 2>"$t/err"
rc=$?
sed "s|$t/|\$T/|g" "$t/err" >&2
exit $rc
