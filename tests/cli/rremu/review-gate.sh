# Regressions from a review of the record/replay gate.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
E=$B/rremu
D=$B/rrdump
G=$B/guests
# 1. A recording that stops where events were logged while output is
#    pending replays without a false divergence.
printf 'hi\n' | $E record -q -c 1110 -o "$t/c3.rr" $G/echo.elf 2>/dev/null
$E replay -q "$t/c3.rr" 2>/dev/null
echo "stop with output pending, replay: $?"
# 3. A plain run keeps the output a recording would have pending, so
#    its snapshots agree with a recording's.
$E run -q -s 6308 -S "$t/run.snap" $G/timer.elf 2>/dev/null
$E record -q -P 6308 -S "$t/rec" -o "$t/rec.rr" $G/timer.elf
$D "$t/run.snap" | grep '^gate\.'
$D "$t/rec.6308" | grep '^gate\.'
# 4. A recording resumed from a snapshot says the snapshot's clock shift.
$E run -q -s 3000 -S "$t/t0.snap" $G/timer.elf 2>/dev/null
$E record -q -t 5 -L "$t/t0.snap" -o "$t/t5.rr" $G/timer.elf
$D -H "$t/t5.rr" | grep clock_shift
# 6. A recording stopped with -s -S, then resumed: the output is in one
#    log or the other, never both.
$E record -q -s 6308 -S "$t/k1.snap" -o "$t/k1.rr" $G/timer.elf 2>/dev/null
$E record -q -L "$t/k1.snap" -o "$t/k2.rr" $G/timer.elf
$E record -q -o "$t/all.rr" $G/timer.elf
{ $D --json -k output "$t/k1.rr"; $D --json -k output "$t/k2.rr"; } |
    sed 's/.*"text":"\([^"]*\)".*/\1/' | tr -d '\n' | sed 's/~[^\\]*\\n//g' > "$t/split"
$D --json -k output "$t/all.rr" |
    sed 's/.*"text":"\([^"]*\)".*/\1/' | tr -d '\n' | sed 's/~[^\\]*\\n//g' > "$t/whole"
cmp -s "$t/split" "$t/whole" && echo "stopped and resumed: same output as one run"
# A snapshot of the same recording from before a log starts: refused.
$E replay -q -s 3000 -S "$t/early.snap" "$t/k1.rr" 2>/dev/null
$E replay -q -L "$t/early.snap" "$t/k2.rr" 2>&1 | sed "s|$t|\$T|g"
# A log stopped with -s ends "stopped".
$D -k end "$t/k1.rr" | cut -d' ' -f3-
