# replay --elf names the pc of a guest that can make no progress, and the
# handler it cannot leave: a test machine in assembly, without debugging
# information, so the label alone.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
E=$B/tests/emu/stuck-loop.elf
$B/rremu record -q -o "$t/s.rr" $E </dev/null 2>/dev/null
echo "record: $?"
$B/rremu replay -q --elf $E "$t/s.rr"
echo "replay: $?"
