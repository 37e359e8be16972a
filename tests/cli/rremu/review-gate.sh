# Regressions from a review of the record/replay gate.  A step that must
# succeed says so when it does not (its status shows in the output).
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
E=$B/rremu
D=$B/rrdump
G=$B/guests
# must NAME CMD...: run CMD; print its status if it is not 0
must() {
	must_n=$1
	shift
	"$@" || echo "$must_n: exit $?"
}
# dump OUT ARGS...: rrdump ARGS into $t/OUT, which must succeed
dump() {
	dump_o=$1
	shift
	$D "$@" >"$t/$dump_o" || echo "rrdump $dump_o: exit $?"
}
# 1. A recording that stops where events were logged while output is
#    pending replays without a false divergence.
printf 'hi\n' | {
	$E record -q --checkpoint-interval 1110 -o "$t/c3.rr" $G/echo.elf 2>/dev/null
	echo "stop with output pending, record: $?"
}
$E replay -q "$t/c3.rr" 2>/dev/null
echo "stop with output pending, replay: $?"
# 3. A plain run keeps the output a recording would have pending, so
#    its snapshots agree with a recording's.
must "run -u" $E run -q -u 6308 -S "$t/run.snap" $G/timer.elf 2>/dev/null
must "record -P" $E record -q -P 6308 -S "$t/rec" -o "$t/rec.rr" $G/timer.elf
dump run "$t/run.snap"
grep '^gate\.' "$t/run"
dump rec "$t/rec.6308"
grep '^gate\.' "$t/rec"
# 4. A recording resumed from a snapshot says the snapshot's clock shift.
must "run -u" $E run -q -u 3000 -S "$t/t0.snap" $G/timer.elf 2>/dev/null
must "record -L" $E record -q -T 5 -L "$t/t0.snap" -o "$t/t5.rr" $G/timer.elf
dump t5 -H "$t/t5.rr"
grep clock_shift "$t/t5"
# 6. A recording stopped with -u -S, then resumed: the output is in one
#    log or the other, never both.
must "record -u" $E record -q -u 6308 -S "$t/k1.snap" -o "$t/k1.rr" \
    $G/timer.elf 2>/dev/null
must "record -L" $E record -q -L "$t/k1.snap" -o "$t/k2.rr" $G/timer.elf
must "record" $E record -q -o "$t/all.rr" $G/timer.elf
dump k1 --json -k output "$t/k1.rr"
dump k2 --json -k output "$t/k2.rr"
dump all --json -k output "$t/all.rr"
cat "$t/k1" "$t/k2" |
    sed 's/.*"text":"\([^"]*\)".*/\1/' | tr -d '\n' | sed 's/~[^\\]*\\n//g' > "$t/split"
sed 's/.*"text":"\([^"]*\)".*/\1/' "$t/all" | tr -d '\n' |
    sed 's/~[^\\]*\\n//g' > "$t/whole"
[ -s "$t/whole" ] && cmp -s "$t/split" "$t/whole" &&
    echo "stopped and resumed: same output as one run"
# A snapshot of the same recording from before a log starts: refused.
must "replay -u" $E replay -q -u 3000 -S "$t/early.snap" "$t/k1.rr" 2>/dev/null
$E replay -q -L "$t/early.snap" "$t/k2.rr" >"$t/o" 2>&1
echo "replay from before the log: $?"
sed "s|$t|\$T|g" "$t/o"
# A log stopped with -u ends "stopped".
dump k1end -k end "$t/k1.rr"
cut -d' ' -f3- "$t/k1end"
