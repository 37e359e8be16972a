t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu run -u 1000 -S "$t/s.snap" $B/guests/timer.elf </dev/null \
    2>/dev/null || exit
$B/rremu run -L "$t/s.snap" $B/guests/hello.elf </dev/null 2>"$t/err"
rc=$?
sed "s|$t/|\$T/|g" "$t/err" >&2
exit $rc
