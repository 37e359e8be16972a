#!/bin/sh
# Stopping changes nothing (the seed's fourth rule), tested where it is
# hardest: a guest that waits for input with WFI (uartbench), stopped at
# the instruction counts where the gate does something (a bottom half, a
# checkpoint, a wake from WFI) and next to them, and at random moments by
# signal.
#   - Every stopped recording replays to its end: exit 124 ("did not
#     finish"), never 123, and -v says the replay matched.
#   - A snapshot taken at such a point (-P, SIGUSR1), resumed with the
#     input the guest had not yet taken, ends in the same state as the
#     recording that never stopped.
# Random points come from SEED (printed, so a failure can be repeated).
B=${B:-build}
. tests/emu/lib.sh
echo "emu stops: SEED=$SEED"

# check_replay NAME LOG: a stopped recording replays to its end, matching.
check_replay() {
	$E replay -q -v "$2" >/dev/null 2>"$T/rep.err"
	st=$?
	if [ "$st" = 124 ] && grep -q 'replay matches the recording' "$T/rep.err"; then
		ok "$1: replays to its end (124), matching"
	else
		bad "$1: replay exit $st"
		cat "$T/rep.err"
	fi
}

# check_resume NAME SNAP LOG: a recording from SNAP with the rest of the
# input ends where the reference did; replaying LOG, the recording SNAP
# was taken from, from SNAP passes.
check_resume() {
	at=$($D --json "$2" | sed -n 's/.*"icount":\([0-9]*\).*/\1/p' | head -n 1)
	[ -n "$(snap_event "$2")" ] || bad "$1: snapshot names no event"
	rest "$T/in" "$3" "$2"
	n=$N
	$E record -q --checkpoint-interval "$C" -L "$2" -o "$T/part.rr" "$G/uartbench.elf" \
	    <"$T/rest" >/dev/null 2>"$T/part.err"
	rst=$?
	$E replay -q -L "$2" "$3" >/dev/null 2>"$T/rep.err"
	pst=$?
	got=$(final_hash "$T/part.rr")
	if [ "$rst" = 0 ] && [ "$pst" = 0 ] && [ -n "$got" ] && [ "$got" = "$want" ]; then
		ok "$1: resumed at icount $at with input from byte $n: same final state"
	else
		bad "$1: resumed at icount $at (byte $n): record $rst replay $pst, state '$got', want '$want'"
		cat "$T/part.err" "$T/rep.err"
	fi
}

# The regression log: a recording stopped by SIGTERM just after a bottom
# half woke the hart from WFI; its final checkpoint was taken after the
# wake, and replay checked it before (exit 123).
check_replay "regression: stop after a wake from WFI" tests/emu/regress-stop-after-wake.rr

# The reference: uartbench with its input, small checkpoint interval.
C=20000
sh tests/guests/uartbench-input.sh 1000 >"$T/in" || exit 2
$E record -q --checkpoint-interval $C -o "$T/ref.rr" "$G/uartbench.elf" <"$T/in" >/dev/null
st=$?
want=$(final_hash "$T/ref.rr")
if [ "$st" != 0 ] || [ -z "$want" ]; then
	bad "reference recording: exit $st"
	echo "emu stops: $pass passed, $fail failed"
	exit 1
fi
$D --json -k bh "$T/ref.rr" | sed 's/.*"icount":\([0-9]*\).*/\1/' >"$T/bh" &&
$D --json -k checkpoint "$T/ref.rr" | sed 's/.*"icount":\([0-9]*\).*/\1/' >"$T/ck" ||
    bad "rrdump of the reference"
nbh=$(wc -l <"$T/bh")
nck=$(wc -l <"$T/ck")

# Points: bottom halves (the hart waited in WFI there), checkpoints, and
# one instruction on either side of each.
pts=""
for i in 1 2 3; do
	rand "$nbh"
	b=$(sed -n "${R}p" "$T/bh")
	rand "$((nck - 1))"
	c=$(sed -n "${R}p" "$T/ck")
	pts="$pts $((b - 1)) $b $((b + 1)) $c $((c + 1))"
done
pts=$(for p in $pts; do [ "$p" -gt 0 ] && echo "$p"; done | sort -n | uniq)

for p in $pts; do
	$E record -q --checkpoint-interval $C -u "$p" -o "$T/s.rr" "$G/uartbench.elf" <"$T/in" \
	    >/dev/null 2>&1
	st=$?
	if [ "$st" = 0 ]; then
		check_replay "record -s $p" "$T/s.rr"
	else
		bad "record -s $p: exit $st"
	fi
done

# Snapshots at every such point, in one recording that goes on.
plist=$(echo $pts | tr ' ' ,)
$E record -q --checkpoint-interval $C -P "$plist" -S "$T/p.snap" -o "$T/p.rr" \
    "$G/uartbench.elf" <"$T/in" >/dev/null 2>"$T/p.err"
st=$?
if [ "$st" = 0 ] && [ "$(final_hash "$T/p.rr")" = "$want" ]; then
	ok "recording paused at $plist: same final state"
else
	bad "recording paused at $plist: exit $st, state $(final_hash "$T/p.rr")"
	cat "$T/p.err"
fi
for p in $pts; do
	check_resume "snapshot -P $p" "$T/p.snap.$p" "$T/p.rr"
done

# Random moments: SIGTERM, SIGINT (a stop) and SIGUSR1 (a snapshot, and
# the recording goes on) while a long input is fed.
sh tests/guests/uartbench-input.sh 20000 >"$T/in" || exit 2
$E record -q --checkpoint-interval $C -o "$T/ref.rr" "$G/uartbench.elf" <"$T/in" >/dev/null
st=$?
want=$(final_hash "$T/ref.rr")
[ "$st" = 0 ] || bad "long reference recording: exit $st"
for sig in TERM INT TERM INT USR1 USR1; do
	rand 400
	ms=$((R + 20))
	rm -f "$T"/sig.snap.* "$T/sig.rr"
	$E record -q --checkpoint-interval $C -S "$T/sig.snap" -o "$T/sig.rr" "$G/uartbench.elf" \
	    <"$T/in" >/dev/null 2>"$T/sig.err" &
	pid=$!
	# The log exists once rremu handles signals: the delay counts from
	# there (a sanitizer build starts slowly).
	n=0
	while [ ! -s "$T/sig.rr" ] && [ "$n" -lt 100 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	kill -"$sig" "$pid" 2>/dev/null
	wait "$pid"
	st=$?
	if [ "$sig" != USR1 ]; then
		if [ "$st" = 124 ] || [ "$st" = 0 ]; then
			check_replay "SIG$sig after $ms ms (exit $st)" "$T/sig.rr"
		else
			bad "SIG$sig after $ms ms: record exit $st"
			cat "$T/sig.err"
		fi
		continue
	fi
	set -- "$T"/sig.snap.*
	if [ "$st" != 0 ] || [ "$(final_hash "$T/sig.rr")" != "$want" ]; then
		bad "SIGUSR1 after $ms ms: record exit $st, final state differs"
		cat "$T/sig.err"
	elif [ -f "$1" ]; then
		check_resume "SIGUSR1 after $ms ms" "$1" "$T/sig.rr"
	else
		# the guest had finished before the signal came
		ok "SIGUSR1 after $ms ms: the recording had ended"
	fi
done

# Random moments by ^A x, typed at a raw terminal (script(1) gives rremu
# a pseudo-terminal): the input comes in chunks, and ^A x after a random
# one, so the recorder stops while the guest works or waits; rremu
# exits 124, and script -e passes that on.
sh tests/guests/uartbench-input.sh 400 >"$T/in" || exit 2
for i in 1 2 3; do
	rand 8
	k=$R
	{
		for c in 1 2 3 4 5 6 7 8; do
			sed -n "$(( (c - 1) * 50 + 1 )),$(( c * 50 ))p" "$T/in"
			sleep 0.05
			[ "$c" = "$k" ] && printf '\001x'
		done
		sleep 1
	} | script -qec "$E record -q --checkpoint-interval $C -o $T/ax.rr $G/uartbench.elf" \
	    /dev/null >/dev/null 2>&1
	st=$?
	end=$($D -e '~1-' "$T/ax.rr" 2>/dev/null | awk '{ print $3, $4 }')
	if [ "$st" = 124 ] && [ "$end" = "end stopped" ]; then
		check_replay "^A x after input chunk $k" "$T/ax.rr"
	else
		bad "^A x after input chunk $k: script exit $st, log ends with '$end'"
	fi
done

# A snapshot taken after a bottom half at its own icount: keys and ^A s
# arrive in one read while the guest waits, so the keys are delivered and
# then the snapshot is saved at the same icount.  Replay from it must
# start after that bottom half (gate.next_event), not deliver it twice.
rm -f "$T"/as.snap.*
{
	sleep 0.5
	printf 'ab\001s'
	sleep 0.5
	printf '\001x'
	sleep 1
} | script -qec "$E record -q --checkpoint-interval $C -S $T/as.snap -o $T/as.rr $G/echo.elf" \
    /dev/null >/dev/null 2>&1
set -- "$T"/as.snap.*
at=${1##*.}
ne=$(snap_event "$1")
bh=$($D --json -k bh "$T/as.rr" | sed -n "s/.*\"event\":\([0-9]*\),\"icount\":$at,.*/\1/p" | head -n 1)
if [ -f "$1" ] && [ -n "$bh" ] && [ -n "$ne" ] && [ "$bh" -lt "$ne" ]; then
	$E replay -q -L "$1" "$T/as.rr" >/dev/null 2>"$T/rep.err"
	st=$?
	if [ "$st" = 124 ]; then
		ok "^A s after a bottom half at icount $at (event $bh): replay from it resumes at event $ne"
	else
		bad "^A s after a bottom half at icount $at: replay from it exit $st"
		cat "$T/rep.err"
	fi
else
	bad "^A s after a bottom half: snapshot '$1' at '$at', bottom half '$bh', next event '$ne'"
fi

echo "emu stops: $pass passed, $fail failed"
[ "$fail" = 0 ]
