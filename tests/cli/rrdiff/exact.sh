# --exact: a clock value tampered by one; the logs' checkpoints still
# agree, so only a replay in lock step finds the instruction that loaded
# the value: the one after the tampered read.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/clock.rr" $B/guests/clock.elf \
    </dev/null || exit
n=$($B/rrdump -k clock "$t/clock.rr" | sed -n '1s/ .*//p')
at=$($B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1) || exit
$B/rrdiff --exact "$t/clock.rr" "$t/bad.rr" >"$t/out"
echo "rc=$?"
sed -e "s|$t/|\$T/|g" -e 's/pc 0x[0-9a-f]*/pc PC/' -e 's/[0-9]\{19\}/NS/g' \
    -e 's/, [0-9]* checkpoints* agrees*)/, N checkpoints agree)/' -e 's/[0-9a-f]\{16\}/HASH/g' -e 's/0x[0-9a-f]* vs 0x[0-9a-f]*/X vs X+1/' \
    -e "s/icount $((at + 1)),/icount TAMPERED+1,/" \
    -e "s/([0-9]* inputs, [0-9]* checkpoints)/(N inputs, N checkpoints)/" "$t/out"
$B/rrdiff -x -j "$t/clock.rr" "$t/bad.rr" | sed -n 's/.*"type":"diff_instruction","icount":\([0-9]*\).*/\1/p' |
    grep -qx "$((at + 1))" && echo "json names the same instruction"
