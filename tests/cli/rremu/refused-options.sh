# Options that mean nothing in a mode are refused (exit 125), not ignored.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/h.rr" $B/guests/hello.elf
$B/rremu replay -m 64M "$t/h.rr" 2>"$t/e"
echo "replay -m: $?"
head -n 1 "$t/e"
$B/rremu replay -i /dev/null "$t/h.rr" 2>&1 | head -n 1
$B/rremu run -c 1000 $B/guests/hello.elf 2>&1 | head -n 1
$B/rremu record -o - $B/guests/hello.elf 2>&1 | head -n 1
$B/rremu run -P 0 $B/guests/hello.elf 2>&1 | head -n 1
$B/rremu run -q -c 5 $B/guests/hello.elf 2>/dev/null; echo "status: $?"
