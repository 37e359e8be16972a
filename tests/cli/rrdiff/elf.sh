# --elf names the instruction --exact finds (text, and "symbol" in its
# JSON record) and the code addresses --at shows, function+offset
# (file:line), from the guest's ELF.  A clock value tampered by one:
# the instruction after the read, in rtc_ns; the pc of the state one
# instruction on, in a snapshot.  Lines with the host's values are left
# out.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
G=$B/guests/clock.elf
$B/rremu record -q --checkpoint-interval 1000 -o "$t/c.rr" $G </dev/null || exit
n=$($B/rrdump -k clock "$t/c.rr" | sed -n '1s/ .*//p')
at=$($B/tamper "$t/c.rr" "$t/bad.rr" "$n" 1) || exit
$B/rrdiff -q --exact --elf $G "$t/c.rr" "$t/bad.rr"
echo "rc=$?"
$B/rrdiff --exact --elf $G "$t/c.rr" "$t/bad.rr" >"$t/out"
echo "rc=$?"
grep '^first instruction' "$t/out"
$B/rrdiff -j --exact --elf $G "$t/c.rr" "$t/bad.rr" >"$t/out"
echo "rc=$?"
grep '"diff_instruction"' "$t/out"
$B/rremu replay -q -u $((at + 2)) -S "$t/s.snap" "$t/c.rr" 2>/dev/null
echo "rc=$?"
$B/rrdiff --at $((at + 1)) --elf $G "$t/c.rr" "$t/s.snap" >"$t/out"
echo "rc=$?"
grep '^cpu.pc' "$t/out"
# The snapshot on standard input: its header read where it was.
$B/rrdiff --at $((at + 1)) --elf $G "$t/c.rr" - <"$t/s.snap" >"$t/out"
echo "rc=$?"
grep '^cpu.pc' "$t/out"
