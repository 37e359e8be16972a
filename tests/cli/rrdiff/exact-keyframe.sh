# --exact and --at replay from the last keyframe at or before where they
# start: with a keyframe every 5000 instructions, a clock value tampered
# after the keyframe at 20000 is named at the same instruction as from
# the first keyframe, and --at gives the state a snapshot saved there.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -K 5000 -o "$t/k.rr" $B/guests/clock.elf \
    </dev/null || exit
n=$($B/rrdump -k clock "$t/k.rr" | awk '$2 > 20000 { print $1; exit }')
at=$($B/tamper "$t/k.rr" "$t/bad.rr" "$n" 1) || exit
$B/rrdiff -x -j "$t/k.rr" "$t/bad.rr" |
    sed -n 's/.*"type":"diff_instruction","icount":\([0-9]*\).*/\1/p' |
    grep -qx "$((at + 1))" && echo "names the instruction after the read"
$B/rremu replay -q -u 24900 -S "$t/24900.snap" "$t/k.rr" 2>/dev/null
$B/rrdiff --at 24900 "$t/k.rr" "$t/24900.snap"
echo "at rc=$?"
