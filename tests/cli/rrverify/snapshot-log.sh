# --snapshot with --log: a snapshot that rremu replay saved at icount 20000
# is the state the log says; against a tampered log or another recording
# it is not (exit 1): no instruction or event counts are shown for a
# replay that never ran.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/clock.rr" $B/guests/clock.elf \
    </dev/null || exit
$B/rremu replay -q -u 20000 -S "$t/20k.snap" "$t/clock.rr" 2>/dev/null
$B/rrverify --snapshot "$t/20k.snap" --log "$t/clock.rr" 2>&1 |
    sed "s|$t/|\$T/|g"
n=$($B/rrdump -k clock "$t/clock.rr" | sed -n '1s/ .*//p')
$B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1 >/dev/null || exit
$B/rrverify -S "$t/20k.snap" -l "$t/bad.rr" >/dev/null 2>&1
echo "tampered rc=$?"
$B/rremu record -q --checkpoint-interval 1000 -o "$t/other.rr" $B/guests/clock.elf \
    </dev/null || exit
$B/rrverify -S "$t/20k.snap" -l "$t/other.rr" 2>&1 | sed "s|$t/|\$T/|g"
$B/rrverify -j -S "$t/20k.snap" -l "$t/other.rr" 2>/dev/null |
    sed "s|$t/|\$T/|g"
