# --snapshot with --log replays from the last keyframe at or before the
# snapshot, not from the first: with a keyframe every 5000 instructions
# a snapshot at 24900 is checked from the keyframe at 20000 (a few
# events), one at 20000 from that keyframe itself, one at 4000 from the
# first.  A clock value tampered after the keyframe is still caught.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -K 5000 -o "$t/k.rr" $B/guests/clock.elf \
    </dev/null || exit
for at in 24900 20000 4000; do
	$B/rremu replay -q -u $at -S "$t/$at.snap" "$t/k.rr" 2>/dev/null
	$B/rrverify -S "$t/$at.snap" -l "$t/k.rr" 2>&1 | sed "s|$t/|\$T/|g"
done
n=$($B/rrdump -k clock "$t/k.rr" | awk '$2 > 20000 { print $1; exit }')
$B/tamper "$t/k.rr" "$t/bad.rr" "$n" 1 >/dev/null || exit
$B/rrverify -S "$t/24900.snap" -l "$t/bad.rr" 2>&1 |
    sed -e "s|$t/|\$T/|g" -e 's/[0-9a-f]\{16\}/HASH/g'
