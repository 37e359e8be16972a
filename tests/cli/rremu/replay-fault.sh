# Replay passes the recorded guest's exit code through, as run does.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -o "$t/fault.rr" $B/guests/fault.elf </dev/null >"$t/rec"
echo "record: $?"
$B/rremu replay "$t/fault.rr" >"$t/rep"
rc=$?
cmp "$t/rec" "$t/rep" && echo "replay output = record output"
exit $rc
