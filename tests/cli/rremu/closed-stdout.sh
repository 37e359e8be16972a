# Started with standard output closed, rremu must not take the log it
# opens for its standard output: the guest's output would go into it.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -o "$t/x.rr" $B/guests/hello.elf >&-
echo "record: $?"
$B/rrdump -s "$t/x.rr" >"$t/s"
echo "rrdump: $?"
grep -E '^(events|closed) ' "$t/s"
$B/rremu replay -q "$t/x.rr"
echo "replay: $?"
