# replay --elf names the pc of a divergence: a clock value tampered by
# one parts the replay from the recording at the next checkpoint, in
# main.  The rest of the message depends on the host's clock values.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/c.rr" $B/guests/clock.elf \
    </dev/null || exit
n=$($B/rrdump -k clock "$t/c.rr" | sed -n '1s/ .*//p')
$B/tamper "$t/c.rr" "$t/bad.rr" "$n" 1 >/dev/null || exit
$B/rremu replay -q --elf $B/guests/clock.elf "$t/bad.rr" 2>"$t/err"
echo "rc=$?"
sed -n 's/.*\(divergence at icount [0-9]* (pc [^)]*))\).*/\1/p' "$t/err"
