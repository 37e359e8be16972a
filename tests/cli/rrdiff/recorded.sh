# Two recordings of the clock guest: every clock read differs (host
# time).  The first is the cause; where the guest first behaves
# otherwise is the effect.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/a.rr" $B/guests/clock.elf </dev/null || exit
$B/rremu record -q --checkpoint-interval 1000 -o "$t/b.rr" $B/guests/clock.elf </dev/null || exit
n=$($B/rrdump -k clock "$t/a.rr" | sed -n '1s/ .*//p')
$B/rrdiff "$t/a.rr" "$t/b.rr" >"$t/out"
echo "rc=$?"
grep -q "^cause: clock at event $n icount [0-9]* vs event $n icount " "$t/out" &&
    echo "the first clock read (event N) is the cause"
sed -n 's/^effect: \([a-z]*\) at event [0-9]*.*/effect: \1/p' "$t/out"
