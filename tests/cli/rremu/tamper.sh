# A clock value changed in the log (tests/emu/tamper.c): replay parts from
# the recording (123) at or after that read, and says where.  How it parts
# depends on the host's clock values, so only the stable words are shown.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/clock.rr" $B/guests/clock.elf </dev/null || exit
$B/rrdump -k clock "$t/clock.rr" >"$t/clocks" || exit
n=$(sed -n '1s/ .*//p' "$t/clocks")
at=$($B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1) || exit
$B/rremu replay -q "$t/bad.rr" 2>"$t/err"
rc=$?
sed -e "s|$t/|\$T/|g" -e 's/divergence at icount [0-9]* (pc 0x[0-9a-f]*): .*/divergence at icount N (pc PC): .../' "$t/err" >&2
d=$(sed -n 's/.*divergence at icount \([0-9]*\) .*/\1/p' "$t/err")
[ -n "$d" ] && [ "$d" -ge "$at" ] && echo "divergence after the tampered read"
exit $rc
