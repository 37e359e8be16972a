t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/hello.rr" $B/guests/hello.elf </dev/null || exit
$B/rremu replay -v - <"$t/hello.rr" 2>"$t/err"
rc=$?
sed 's/[0-9][0-9]* instructions, [0-9][0-9]* events/N instructions, N events/' "$t/err" >&2
exit $rc
