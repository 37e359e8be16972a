#!/bin/sh
# Properties of rrcut and rrmerge over recordings made by rremu, at
# random points (SEED, printed, repeats a run):
#   every cut replays to its END (exit 0, or the guest's code when the
#   cut keeps the guest's exit);
#   a cut holds the parent's events, byte for byte, from its keyframe on;
#   splitting and merging the pieces, in a shuffled order, gives back
#   every event of the original; so does merging two overlapping cuts;
#   --exact cuts start at the icount asked for, and replay;
#   a merge of pieces that disagree, or leave a gap, writes nothing;
#   with --allow-gaps the gap is marked, verifies and a replay stops there;
#   a salvage keeps what follows damage from the next keyframe on.
B=${B:-build}
. tests/emu/lib.sh
C=$B/rrcut
M=$B/rrmerge
echo "cut props: SEED=$SEED"

# The events without their numbers (a cut numbers its own from 0).
evs() { $D "$1" | cut -d' ' -f2-; }

$E record -q --checkpoint-interval 20000 -K 200000 -o "$T/rtc.rr" "$G/rtcbench.elf" </dev/null
$E record -q --checkpoint-interval 5000 -K 50000 -o "$T/uart.rr" "$G/uartbench.elf" \
    <tests/guests/uartbench.in
for log in rtc uart; do
	L=$T/$log.rr
	last=$($D --json --stats "$L" | sed -n 's/.*"icount_last": *\([0-9]*\).*/\1/p')
	nev=$($D --json --stats "$L" | sed -n 's/.*"events": *\([0-9]*\).*/\1/p')
	evs "$L" >"$T/all"
	# 1, 2: random cuts by icount and by event number replay, and hold
	# the parent's events.
	for i in 1 2 3; do
		rand "$last"; a=$R; rand "$last"; b=$R
		[ "$a" -le "$b" ] || { t=$a; a=$b; b=$t; }
		if [ $i = 3 ]; then opt="-e"; rand "$nev"; a=$((R - 1)); b=; \
		else opt="-i"; fi
		$C -q $opt "$a-$b" -o "$T/cut.rr" "$L" || { bad "$log: cut $opt $a-$b"; continue; }
		$E replay -q "$T/cut.rr" >/dev/null 2>"$T/err"
		st=$?
		if [ -z "$b" ] || [ $st -eq 0 ]; then :; fi
		if [ $st -eq 0 ]; then ok "$log: cut $opt $a-$b replays"
		else bad "$log: cut $opt $a-$b replays (exit $st: $(head -c 300 "$T/err"))"; fi
		k=$($D -H "$T/cut.rr" | sed -n 's/^origin_event = //p')
		n=$(($($D "$T/cut.rr" | wc -l) - 1))
		if [ -n "$k" ] && evs "$T/cut.rr" | head -n "$n" |
		    cmp -s - "$(sed -n "$((k + 1)),$((k + n))p" "$T/all" >"$T/part"; echo "$T/part")"; then
			ok "$log: cut $opt $a-$b holds events $k.. of its parent"
		else bad "$log: cut $opt $a-$b holds its parent's events"; fi
	done
	# 3: split into random pieces, merge in a shuffled order.
	rand 6; np=$((R + 1))
	rm -f "$T"/p-*.rr
	$C -q --split -n "$np" -o "$T/p.rr" "$L" || bad "$log: split -n $np"
	for p in "$T"/p-*.rr; do
		$E replay -q "$p" >/dev/null 2>&1 || bad "$log: piece $p replays"
	done
	$M -q -o "$T/m.rr" $(ls "$T"/p-*.rr | sort -r) &&
	    evs "$T/m.rr" | cmp -s - "$T/all" &&
	    ok "$log: split -n $np and merge give back every event" ||
	    bad "$log: split -n $np and merge give back every event"
	# 3b: --exact: a cut starts at the very icount asked for, replays,
	# and an exact split merges back into the whole.
	rand "$last"; a=$R
	$C -q --exact -i "$a-" -o "$T/ex.rr" "$L" &&
	    [ "$($D -e 0 "$T/ex.rr" | cut -d' ' -f2,3)" = "$a keyframe" ] &&
	    $E replay -q "$T/ex.rr" >/dev/null 2>&1 &&
	    ok "$log: --exact -i $a- starts at $a and replays" ||
	    bad "$log: --exact -i $a- starts at $a and replays"
	rand 4; np=$((R + 1))
	rm -f "$T"/x-*.rr
	$C -q --exact --split -n "$np" -o "$T/x.rr" "$L" &&
	    $M -q -o "$T/m.rr" $(ls "$T"/x-*.rr | sort -r) &&
	    evs "$T/m.rr" | cmp -s - "$T/all" &&
	    ok "$log: --exact --split -n $np and merge give back every event" ||
	    bad "$log: --exact --split -n $np and merge give back every event"
	for p in "$T"/x-*.rr; do
		$E replay -q "$p" >/dev/null 2>&1 || bad "$log: exact piece $p replays"
	done
	# 4: two overlapping cuts merge into the whole.
	rand "$last"; a=$R
	rand "$a"; b=$R
	$C -q -i "0-$a" -o "$T/o1.rr" "$L" && $C -q -i "$b-" -o "$T/o2.rr" "$L" &&
	    $M -q -o "$T/m.rr" "$T/o2.rr" "$T/o1.rr" &&
	    evs "$T/m.rr" | cmp -s - "$T/all" &&
	    ok "$log: overlapping cuts 0-$a and $b- merge into the whole" ||
	    bad "$log: overlapping cuts 0-$a and $b- merge into the whole"
done

# 5: refusals leave nothing behind.
L=$T/rtc.rr
$C -q -i 0-4000000 -o "$T/g1.rr" "$L" && $C -q -i 9000000- -o "$T/g2.rr" "$L"
rm -f "$T/gap.rr"
$M -q -o "$T/gap.rr" "$T/g1.rr" "$T/g2.rr" 2>/dev/null
st=$?
[ $st -eq 1 ] && [ ! -e "$T/gap.rr" ] && ok "a gap is refused (exit 1), nothing written" ||
    bad "a gap is refused (exit $st), nothing written"
# 5a: with --allow-gaps the same pieces merge: the gap is marked where
# the first cut ends, the log verifies (valid, with a note), holds both
# pieces' events, and a replay stops at the gap (exit 124, every
# checkpoint before it matched).
g1end=$($D -e ~1 "$T/g1.rr" | cut -d' ' -f2)
if $M -q --allow-gaps -o "$T/gap.rr" "$T/g1.rr" "$T/g2.rr" &&
    $B/rrverify "$T/gap.rr" >"$T/vout" && grep -q "note: 1 gap marked" "$T/vout" &&
    [ "$($D -k gap "$T/gap.rr" | cut -d' ' -f2,3)" = "$g1end gap" ] &&
    { evs "$T/g1.rr" | sed '$d'; echo "$g1end gap"; evs "$T/g2.rr"; } >"$T/want" &&
    evs "$T/gap.rr" | sed "s/^\($g1end gap\) .*/\1/" | cmp -s - "$T/want"; then
	ok "--allow-gaps marks the gap at $g1end, verifies, keeps both pieces"
else bad "--allow-gaps marks the gap at $g1end, verifies, keeps both pieces"; fi
$E replay -q "$T/gap.rr" >/dev/null 2>"$T/err"
st=$?
[ $st -eq 124 ] && grep -q "stops at a gap .* icount $g1end;" "$T/err" &&
    ok "a replay of a gapped merge stops at the gap (exit 124)" ||
    bad "a replay of a gapped merge stops at the gap (exit $st: $(head -c 300 "$T/err"))"
$E record -q --checkpoint-interval 20000 -K 200000 -o "$T/rtc2.rr" "$G/rtcbench.elf" </dev/null
$C -q -i 3000000- -o "$T/d2.rr" "$T/rtc2.rr"
$M -q -f -o "$T/diff.rr" "$T/g1.rr" "$T/d2.rr" 2>/dev/null
st=$?
[ $st -eq 1 ] && [ ! -e "$T/diff.rr" ] && ok "an overlap that differs is refused (exit 1)" ||
    bad "an overlap that differs is refused (exit $st)"
# 5a: a cut renumbers its events, so a replay that starts at one of its
# later keyframes (rrdiff --at) must resume after it by the cut's
# numbers, not by those the keyframe's state was saved with.
$C -q -i 1000000- -o "$T/rc.rr" "$T/rtc2.rr"
if $B/rrdiff --at 2500000 "$T/rc.rr" "$T/rc.rr" >"$T/out" 2>&1; then
	ok "rrdiff --at 2500000 replays a cut from its keyframe at 2400000"
else bad "rrdiff --at 2500000 on a cut: $(head -c 300 "$T/out")"; fi
# A snapshot taken in a replay of the parent names its next event in the
# parent's numbers: a replay of the cut from it resumes at that event.
if $E replay -q -u 2500000 -S "$T/mid.snap" "$T/rtc2.rr" 2>/dev/null &&
    $E replay -q -L "$T/mid.snap" "$T/rc.rr" >/dev/null 2>"$T/err"; then
	ok "a snapshot of the parent's replay at 2500000 resumes the cut's"
else bad "a snapshot of the parent's replay resumes the cut's: $(head -c 300 "$T/err")"; fi
# 5b: a recording continued from a snapshot (record -L) joins the one
# that stopped there; one continued from another run's state does not.
rand 10; at=$((R * 1000000))
$E record -q -K 1000000 -u "$at" -S "$T/s.snap" -o "$T/ca.rr" "$G/rtcbench.elf" </dev/null 2>/dev/null
$E record -q -K 1000000 -L "$T/s.snap" -o "$T/cb.rr" "$G/rtcbench.elf" </dev/null
na=$($D -s "$T/ca.rr" | sed -n 's/^events = //p')
nb=$($D -s "$T/cb.rr" | sed -n 's/^events = //p')
if $M -q -o "$T/cm.rr" "$T/cb.rr" "$T/ca.rr" && $E replay -q "$T/cm.rr" >/dev/null &&
    [ "$($D -s "$T/cm.rr" | sed -n 's/^events = //p')" = $((na + nb - 1)) ]; then
	ok "a recording continued at $at with -L merges after the one stopped there"
else bad "a recording continued at $at with -L merges after the one stopped there"; fi
$E record -q -K 1000000 -u "$at" -S "$T/s2.snap" -o "$T/ca2.rr" "$G/rtcbench.elf" </dev/null 2>/dev/null
$M -q -f -o "$T/cm2.rr" "$T/cb.rr" "$T/ca2.rr" 2>"$T/err"
st=$?
[ $st -eq 1 ] && grep -q "not continuous" "$T/err" && [ ! -e "$T/cm2.rr" ] &&
    ok "a continuation of another run's state is refused (not continuous)" ||
    bad "a continuation of another run's state is refused (exit $st: $(cat "$T/err"))"
# 6: a killed recording (cut short at a random byte) salvages and replays.
size=$(wc -c <"$L")
# Past the first keyframe's blocks (before them nothing can be kept) and
# before the block that holds END: a cut in the footer index leaves
# every event, END too, and nothing is lost (exit 0).
endoff=$($D -b "$L" | tail -n 1 | sed 's/.* offset=\([0-9]*\) .*/\1/')
footer=$((endoff + $($D -b "$L" | tail -n 1 | sed 's/.* size=\([0-9]*\) .*/\1/')))
rand $((endoff - size / 2)); cutat=$((size / 2 + R - 1))
head -c "$cutat" "$L" >"$T/killed.rr"
$C -q --salvage -o "$T/salv.rr" "$T/killed.rr" 2>/dev/null
st=$?
if [ $st -eq 1 ] && $E replay -q "$T/salv.rr" >/dev/null 2>&1; then
	ok "a log cut at byte $cutat salvages (exit 1) and replays"
else bad "a log cut at byte $cutat salvages (exit $st) and replays"; fi
# ... and one cut in its footer index keeps every event, and says the
# footer was lost (exit 1, as rrverify says truncated).
rand $((size - footer - 1)); cutat=$((size - R))
head -c "$cutat" "$L" >"$T/killed.rr"
$C -q --salvage -o "$T/salv.rr" "$T/killed.rr" 2>"$T/salv.err"
st=$?
$B/rrverify -q "$T/killed.rr" 2>/dev/null
vst=$?
if [ $st -eq 1 ] && [ $vst -eq 1 ] && grep -q 'kept every event' "$T/salv.err" &&
    $E replay -q "$T/salv.rr" >/dev/null 2>&1; then
	ok "a log cut at byte $cutat of $size, past END, keeps every event (exit 1, rrverify 1)"
else bad "a log cut at byte $cutat of $size, past END: exit $st, rrverify $vst"; cat "$T/salv.err"; fi
# 6b: a log damaged in its middle (a random block's payload overwritten)
# salvages as two stretches: before the damage, and after a gap from the
# next keyframe on; it verifies (valid, with a note), holds the parent's
# events after the gap, and a replay stops at the gap (exit 124).
nb=$($D -b "$L" | wc -l)
rand $((nb - 2)); blk=$R
boff=$($D -b "$L" | sed -n "$((blk + 1))s/.* offset=\([0-9]*\) .*/\1/p")
cp "$L" "$T/hit.rr"
printf 'XXXXXXXX' | dd of="$T/hit.rr" bs=1 seek=$((boff + 200)) conv=notrunc 2>/dev/null
$C -q --salvage -o "$T/salv2.rr" "$T/hit.rr" 2>"$T/err"
st=$?
ri=$($D -k gap "$T/salv2.rr" | sed -n 's/.*resume_icount=\([0-9]*\).*/\1/p')
if [ $st -eq 1 ] && grep -q "after a gap from the keyframe at icount $ri" "$T/err" &&
    $B/rrverify "$T/salv2.rr" | grep -q "note: 1 gap marked" &&
    evs "$T/salv2.rr" | sed -n '/ gap /,$p' | sed '1d;$d' >"$T/after" &&
    [ -s "$T/after" ] &&
    [ "$(head -n 1 "$T/after" | cut -d' ' -f1,2)" = "$ri keyframe" ] &&
    evs "$L" | sed -n "/^$ri keyframe /,\$p" | head -n "$(wc -l <"$T/after")" |
    cmp -s - "$T/after"; then
	ok "a log hit in block $blk salvages the rest from the keyframe at $ri"
else bad "a log hit in block $blk salvages the rest (exit $st: $(head -c 300 "$T/err"))"; fi
$E replay -q "$T/salv2.rr" >/dev/null 2>"$T/err"
st=$?
[ $st -eq 124 ] && grep -q "stops at a gap" "$T/err" &&
    ok "the two-stretch salvage replays to its gap (exit 124)" ||
    bad "the two-stretch salvage replays to its gap (exit $st: $(head -c 300 "$T/err"))"

echo "cut props: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
