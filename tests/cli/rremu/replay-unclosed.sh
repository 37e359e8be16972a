# A killed recorder's log (no END, no footer) replays as far as it goes:
# everything in it is checked, then exit 124 with what was covered.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -B 1K --checkpoint-interval 5000 -o "$t/d.rr" $B/guests/demo.elf \
    < tests/guests/demo.in
size=$(wc -c < "$t/d.rr")
head -c $((size - 1500)) "$t/d.rr" > "$t/cut.rr"
$B/rremu replay -q "$t/cut.rr" 2>&1 |
    sed -e "s|$t|\$T|" -e 's/offset [0-9]*/offset N/' -e 's/event [0-9]*/event N/' \
    -e 's/its [0-9]* events/its N events/' -e 's/icount [0-9]*/icount N/'
$B/rremu replay -q "$t/cut.rr" 2>/dev/null
echo "replay: $?"
