# A guest exit code above 122 in record and replay: the log keeps the
# code itself; both modes show it as 122 and say so.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
printf '200\n' >"$t/in"
$B/rremu record -q -I "$t/in" -o "$t/x.rr" $B/guests/exitcode.elf
echo "record: $?"
$B/rrdump -k end "$t/x.rr" >"$t/end"
echo "rrdump: $?"
sed 's/^[0-9]* [0-9]* /N N /' "$t/end"
$B/rremu replay -q "$t/x.rr"
echo "replay: $?"
