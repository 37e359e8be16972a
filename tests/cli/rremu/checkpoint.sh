# A checkpoint catches a changed clock value before any output shows it,
# and names the parts that differ (the value sits in a register and in
# RAM).  Numbers that depend on the guest's code or the host are masked;
# the tampered read must lie between the last agreeing state and the
# divergence.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/clock.rr" $B/guests/clock.elf \
    </dev/null || exit
$B/rrdump -k clock "$t/clock.rr" >"$t/clocks" || exit
n=$(sed -n '1s/ .*//p' "$t/clocks")
at=$($B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1) || exit
$B/rremu replay -q "$t/bad.rr" 2>"$t/err"
rc=$?
sed -e "s|$t/|\$T/|g" -e 's/icount [0-9]*/icount N/g' \
    -e 's/pc 0x[0-9a-f]*/pc PC/' -e 's/event [0-9]*/event N/g' "$t/err" >&2
d=$(sed -n 's/.*divergence at icount \([0-9]*\) .*/\1/p' "$t/err")
a=$(sed -n 's/.*state last agreed at icount \([0-9]*\).*/\1/p' "$t/err")
[ -n "$d" ] && [ -n "$a" ] && [ "$a" -lt "$at" ] && [ "$at" -le "$d" ] &&
    echo "last agreed < tampered read <= divergence"
exit $rc
