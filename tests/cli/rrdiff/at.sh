# --at: the state a log says at an instruction count against a snapshot
# saved there by rremu replay: the same; against a tampered log: the
# register that took the tampered value, by its ABI name.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/clock.rr" $B/guests/clock.elf \
    </dev/null || exit
$B/rremu replay -q -u 20000 -S "$t/20k.snap" "$t/clock.rr" 2>/dev/null
$B/rrdiff --at 20000 "$t/clock.rr" "$t/20k.snap"
echo "rc=$?"
$B/rrdiff -t 20000 "$t/20k.snap" "$t/clock.rr"
echo "rc=$?"
$B/rrdiff "$t/clock.rr" "$t/20k.snap"
echo "rc=$?"
$B/rrdiff --at 99999999 "$t/clock.rr" "$t/20k.snap" 2>&1 |
    sed -e "s|$t/|\$T/|g" -e 's/icount [0-9]*, before/icount N, before/'
