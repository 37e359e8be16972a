# Bad values for --rtc-base and --entropy-seed: a message naming the
# option and what it takes, then the usage (as any bad option value),
# exit 125, and no log written.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
for d in 2026-02-29 2026-13-01 1969-12-31 2501-01-01 2026-01-01T24:00:00 \
    "2026-01-01 10:00:00" @-1 @x tomorrow ""; do
	$B/rremu record -q --rtc-base "$d" -o "$t/x.rr" $B/guests/hello.elf \
	    </dev/null 2>"$t/err"
	echo "record --rtc-base '$d': exit $?"
	head -n 1 "$t/err"
done
for s in -1 18446744073709551616 0x1g "" seven 1.5; do
	$B/rremu record -q --entropy-seed "$s" -o "$t/x.rr" \
	    $B/guests/hello.elf </dev/null 2>"$t/err"
	echo "record --entropy-seed '$s': exit $?"
	head -n 1 "$t/err"
done
$B/rremu run -q --rtc-base 2026-02-30 $B/guests/hello.elf </dev/null \
    2>"$t/err"
echo "run --rtc-base 2026-02-30: exit $?"
cat "$t/err"
rm "$t/err"
ls "$t"
# In range: taken.
$B/rremu run -q --rtc-base 2500-12-31T23:59:59Z --entropy-seed \
    18446744073709551615 $B/guests/hello.elf </dev/null
echo "last second of 2500, seed 2^64-1: exit $?"
$B/rremu run -q --rtc-base @0 --entropy-seed 0x0 $B/guests/hello.elf \
    </dev/null
echo "@0, seed 0x0: exit $?"
