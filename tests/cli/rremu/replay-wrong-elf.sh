t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/hello.rr" $B/guests/hello.elf </dev/null || exit
$B/rremu replay "$t/hello.rr" $B/guests/echo.elf 2>"$t/err"
rc=$?
sed "s|$t/|\$T/|g" "$t/err" >&2
exit $rc
