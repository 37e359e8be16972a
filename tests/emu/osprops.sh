#!/bin/sh
# The determinism properties on the os guest (guests/os.c: S and U
# modes, Sv32 paging, PMP, delegated timer interrupts, the UART's
# interrupt through the PLIC's S-mode context), each a test:
#   replay reproduces the output and every checkpoint;
#   a snapshot taken in U-mode with a live mapping resumes (replay and
#   record) to the same final state;
#   rrcut --exact at that icount gives a log that replays;
#   stopping a replay at random points changes nothing.
B=${B:-build}
. tests/emu/lib.sh
echo "os props: SEED=$SEED"
C=$B/rrcut
elf=$G/os.elf

$E record --checkpoint-interval 5000 -K 200000 -o "$T/os.rr" "$elf" >"$T/rec.out" 2>&1
rst=$?
$E replay -v "$T/os.rr" >"$T/rep.out" 2>"$T/err"
pst=$?
n=$($D -k checkpoint "$T/os.rr" | wc -l)
if [ "$rst" = 0 ] && [ "$pst" = 0 ] && cmp -s "$T/rec.out" "$T/rep.out" &&
    grep -q 'user exited with 0' "$T/rec.out" && [ "$n" -ge 100 ] &&
    grep -q 'matches the recording' "$T/err"; then
	ok "replay os: same output, $n checkpoints verified"
else
	bad "replay os: record $rst replay $pst, $n checkpoints"
	cat "$T/err"
fi

# An icount at which the hart is in U with Sv32 on: the user program
# spins there while it waits for timer ticks.  Snapshots say the mode.
total=$($D --json --stats "$T/os.rr" | sed 's/.*"icount_last":\([0-9]*\).*/\1/')

# The UART's interrupt went to S through the PLIC's context 1, and a
# snapshot of the machine after it holds that context's enable bits.
$E replay -q -u $((total - 1)) -S "$T/end.snap" "$T/os.rr" >/dev/null 2>"$T/err"
st=$?
$D "$T/end.snap" >"$T/end.txt"
dst=$?
if [ "$st" = 0 ] && [ "$dst" = 0 ] &&
    grep -q 'claimed PLIC source 10 through context 1' "$T/rep.out" &&
    grep -q '^plic\.enable_s = ' "$T/end.txt" &&
    ! grep -q ': FAIL$' "$T/rep.out"; then
	ok "replay os: the S-mode kernel took the UART interrupt via context 1"
else
	bad "replay os: context 1: replay $st, rrdump $dst"
	cat "$T/err"
fi

at=
rand 400000
start=$((1000000 + R))
for i in $(seq 0 40); do
	c=$((start + i * 3))
	$E replay -q -u "$c" -S "$T/u.snap" "$T/os.rr" 2>/dev/null
	st=$?
	[ "$st" = 0 ] || { bad "replay -s $c: status $st"; break; }
	if $D "$T/u.snap" | grep -qx 'cpu\.priv = 0' &&
	    $D "$T/u.snap" | grep -q '^cpu\.satp = .*(0x8'; then
		at=$c
		break
	fi
done
if [ -z "$at" ]; then
	bad "no U-mode icount found from $start"
else
	ok "snapshot at icount $at of $total: U-mode, Sv32 on"
	$E replay -q -L "$T/u.snap" "$T/os.rr" 2>"$T/err"
	st=$?
	$E record -q --checkpoint-interval 5000 -L "$T/u.snap" -o "$T/part.rr" "$elf" \
	    </dev/null >/dev/null 2>&1
	pst=$?
	$E record -q --checkpoint-interval 5000 -o "$T/full.rr" "$elf" </dev/null >/dev/null 2>&1
	fst=$?
	if [ "$st" = 0 ] && [ "$pst" = 0 ] && [ "$fst" = 0 ] &&
	    ! grep -q divergence "$T/err" &&
	    [ -n "$(final_hash "$T/part.rr")" ] &&
	    [ "$(final_hash "$T/full.rr")" = "$(final_hash "$T/part.rr")" ]; then
		ok "resume os from U-mode at icount $at: same final state"
	else
		bad "resume os from icount $at: replay $st record $pst/$fst, states $(final_hash "$T/full.rr") / $(final_hash "$T/part.rr")"
		cat "$T/err"
	fi
	$C -q --exact -i "$at-" -o "$T/ex.rr" "$T/os.rr"
	cst=$?
	first=$($D --json -k keyframe "$T/ex.rr" | head -n 1 |
	    sed 's/.*"icount":\([0-9]*\).*/\1/')
	$E replay -q "$T/ex.rr" >/dev/null 2>"$T/err"
	st=$?
	if [ "$cst" = 0 ] && [ "$first" = "$at" ] && [ "$st" = 0 ]; then
		ok "rrcut --exact -i $at- (U-mode): starts there and replays"
	else
		bad "rrcut --exact -i $at-: cut $cst, first keyframe '$first', replay $st"
		cat "$T/err"
	fi
fi

rands "$total" 6
pts=$RS
if $E replay -q -P "$pts" "$T/os.rr" 2>"$T/err"; then
	ok "replay os paused at $pts: every checkpoint still matches"
else
	bad "replay os paused at $pts"
	cat "$T/err"
fi

echo "os props: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
