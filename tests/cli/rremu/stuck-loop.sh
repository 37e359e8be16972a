# A trap handler whose first instruction traps the same way (flw: no F)
# stops the run with status 125 and the reason, in record and in replay
# alike; rrverify --replay says the replay matches and names the same
# stop in the same words.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/s.rr" $B/tests/emu/stuck-loop.elf </dev/null
echo "record: $?"
$B/rremu replay -q "$t/s.rr"
echo "replay: $?"
$B/rrverify --replay "$t/s.rr" 2>&1 | sed "s|$t/|\$T/|g"
echo "rrverify: $?"
