#!/bin/sh
# make demo: record a guest with scripted input, replay it, and look at
# the log with rrdump, as a new user would.
set -eu
B=${B:-build}
T=${TMPDIR:-/tmp}/rr-demo
mkdir -p "$T"
if [ -t 1 ]; then
	say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
	say() { printf '\n== %s\n' "$*"; }
fi

say "record: the demo guest (clock, entropy, timer, echo) with scripted input"
echo "\$ $B/rremu record -B 1K --checkpoint-interval 20000 -o $T/demo.rr $B/guests/demo.elf < tests/guests/demo.in"
$B/rremu record -B 1K --checkpoint-interval 20000 -o "$T/demo.rr" "$B/guests/demo.elf" < tests/guests/demo.in

say "replay: no ELF, no input: the log alone drives the guest, every checkpoint checked"
echo "\$ $B/rremu replay -v $T/demo.rr"
$B/rremu replay -v "$T/demo.rr"

say "rrdump --header --stats: what the log says about the run"
$B/rrdump --header --stats "$T/demo.rr"

say "rrdump: one event per line (first 15)"
$B/rrdump "$T/demo.rr" | head -n 15

say "rrdump -k bh,entropy: the inputs the guest got from outside"
$B/rrdump -k bh,entropy "$T/demo.rr"

say "rrdump --blocks --json: blocks with their checksums, as JSON Lines"
$B/rrdump --blocks --json "$T/demo.rr" | head -n 3

say "a log with one clock value changed: replay says where the runs part"
n=$($B/rrdump -k clock "$T/demo.rr" | head -n 1 | cut -d' ' -f1)
$B/tamper "$T/demo.rr" "$T/tampered.rr" "$n" 1000 >/dev/null
$B/rremu replay -q "$T/tampered.rr" || echo "(exit status $?: divergence)"

say "a recording killed half way is still readable up to the damage"
size=$(wc -c < "$T/demo.rr")
head -c $((size - 1200)) "$T/demo.rr" > "$T/cut.rr"
echo "\$ $B/rrdump $T/cut.rr | tail -n 3    # its last 1200 of $size bytes cut off"
$B/rrdump "$T/cut.rr" 2>&1 | tail -n 4 || true

say "rrverify: the whole log is sound; the cut one is truncated, and how to salvage it"
echo "\$ $B/rrverify $T/demo.rr $T/cut.rr"
$B/rrverify "$T/demo.rr" "$T/cut.rr" || echo "(exit status $?: a file is damaged)"

say "rrdiff: the same guest recorded again with one byte of input changed"
sed '1s/^./X/' tests/guests/demo.in > "$T/demo2.in"
$B/rremu record -q -B 1K --checkpoint-interval 20000 -o "$T/demo2.rr" "$B/guests/demo.elf" \
    < "$T/demo2.in" > /dev/null
echo "\$ $B/rrdiff $T/demo.rr $T/demo2.rr"
$B/rrdiff "$T/demo.rr" "$T/demo2.rr" || echo "(exit status $?: they part there)"

say "rrdiff --exact: the tampered log against the original, instruction by instruction"
$B/rrdiff --exact "$T/demo.rr" "$T/tampered.rr" | tail -n 6 || true

# rrcut and rrmerge (issue 9): the interesting part, pieces, a rescue.
say "rrcut: the part of a longer recording around its bottom halves, replayed alone"
$B/rremu record -q -B 1K --checkpoint-interval 5000 -K 20000 -o "$T/long.rr" "$B/guests/demo.elf" < tests/guests/demo.in
bh=$($B/rrdump -k bh "$T/long.rr" | sed -n 2p | cut -d' ' -f2)
echo "\$ $B/rrcut -i $bh-$((bh + 30000)) -o $T/bug.rr $T/long.rr"
$B/rrcut -i "$bh-$((bh + 30000))" -o "$T/bug.rr" "$T/long.rr"
echo "\$ $B/rremu replay -v $T/bug.rr"
$B/rremu replay -v "$T/bug.rr"

say "rrcut --split and rrmerge: four pieces, joined again in any order"
rm -f "$T"/piece-*.rr
$B/rrcut --split -n 4 -o "$T/piece.rr" "$T/long.rr"
$B/rrmerge -o "$T/whole.rr" $(ls "$T"/piece-*.rr | sort -r)
$B/rrdump "$T/long.rr" > "$T/long.txt"
$B/rrdump "$T/whole.rr" | cmp - "$T/long.txt" && echo "every event is back, in order"

say "rrcut --salvage: what a killed recorder wrote, as a log that replays"
size=$(wc -c < "$T/long.rr")
head -c $((size * 2 / 3)) "$T/long.rr" > "$T/killed.rr"
$B/rrcut --salvage -o "$T/saved.rr" "$T/killed.rr" || echo "(exit status $?: something was lost)"
$B/rremu replay -v "$T/saved.rr"
echo
echo "files are in $T"
