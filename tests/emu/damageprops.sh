#!/bin/sh
# Edits never pass damage on.  A recording is damaged in its content with
# its framing made right again (tests/emu/reframe.c: one byte of a
# block's events, a block header's counting field, or a header field,
# then every checksum, size and the footer recomputed), so that only the
# checks of content can see it.  Then every output of rrcut (a range,
# --split, --salvage) and of rrmerge (the pieces of a split, one of them
# damaged) either verifies with rrverify (exit 0), or the tool refuses
# with exit 1 and leaves no output.  TRIALS trials; SEED is printed.
B=${B:-build}
. tests/emu/lib.sh
TRIALS=${TRIALS:-60}
echo "damage props: SEED=$SEED TRIALS=$TRIALS"
BASE=$SEED
C=$B/rrcut
M=$B/rrmerge
V=$B/rrverify
F=$B/reframe

# A recording with many small blocks and a keyframe every 20000
# instructions, so that cuts copy whole blocks.
$E record -q -K 20000 --checkpoint-interval 5000 -B 4096 -o "$T/good.rr" "$G/demo.elf" \
    <tests/guests/demo.in >/dev/null || { bad "record"; exit 1; }
last=$($D --stats "$T/good.rr" | sed -n 's/^icount_last = //p')
mkdir "$T/pc" && $C -q --split -n 3 -o "$T/pc/p.rr" "$T/good.rr" ||
    { bad "split of the good log"; exit 1; }

# judge NAME STATUS OUT...: exit 0 and every OUT verifies, or exit 1 and
# no OUT exists.
judge() {
	name=$1 st=$2
	shift 2
	if [ "$st" = 0 ]; then
		for o in "$@"; do
			[ -e "$o" ] || continue
			if ! $V -q "$o" 2>"$T/v.err"; then
				bad "$name: exit 0, but rrverify rejects $(basename "$o") ($what)"
				cat "$T/v.err"
				return
			fi
		done
		ok "$name: exit 0, output verifies"
	elif [ "$st" = 1 ]; then
		for o in "$@"; do
			if [ -e "$o" ]; then
				bad "$name: exit 1, but $(basename "$o") was written ($what)"
				return
			fi
		done
		ok "$name: refused (exit 1), nothing written"
	else
		bad "$name: exit $st ($what)"
		cat "$T/err"
	fi
}

i=0
while [ $i -lt "$TRIALS" ]; do
	i=$((i + 1))
	s=$((BASE + i))
	what=$($F "$T/good.rr" "$T/d.rr" $s) || { bad "reframe $s"; continue; }
	what="seed $s: $what"
	rm -rf "$T/o" && mkdir "$T/o"
	rand "$last"; lo=$R
	rand "$last"; hi=$R
	[ $lo -le $hi ] || { t=$lo; lo=$hi; hi=$t; }
	$C -q -i "$lo-$hi" -o "$T/o/cut.rr" "$T/d.rr" 2>"$T/err"
	judge "trial $i cut -i $lo-$hi" $? "$T/o/cut.rr"
	$C -q --split -n 3 -o "$T/o/p.rr" "$T/d.rr" 2>"$T/err"
	st=$?
	# A split that stops at damage keeps the whole pieces before it.
	[ $st = 1 ] && for p in "$T"/o/p-*.rr; do
		[ -e "$p" ] || continue
		$V -q "$p" 2>/dev/null || bad "trial $i split: piece $(basename "$p") does not verify ($what)"
		rm -f "$p"
	done
	judge "trial $i split -n 3" $st "$T"/o/p-*.rr
	$C -q --salvage -o "$T/o/s.rr" "$T/d.rr" 2>"$T/err"
	st=$?
	# A salvage says 1 when it lost something, and still writes.
	if [ $st = 1 ] && [ -e "$T/o/s.rr" ]; then
		if $V -q "$T/o/s.rr" 2>"$T/v.err"; then
			ok "trial $i salvage: exit 1, what it kept verifies"
		else
			bad "trial $i salvage: rrverify rejects its output ($what)"
			cat "$T/v.err"
		fi
	else
		judge "trial $i salvage" $st "$T/o/s.rr"
	fi
	# rrmerge: the pieces of the good log, one damaged this way.
	rand 3; n=$((R - 1))
	rm -rf "$T/m" && cp -r "$T/pc" "$T/m"
	$F "$T/pc/p-00$n.rr" "$T/m/p-00$n.rr" $s >/dev/null || { bad "reframe piece"; continue; }
	$M -q -o "$T/o/m.rr" "$T"/m/p-*.rr 2>"$T/err"
	judge "trial $i merge (piece $n damaged)" $? "$T/o/m.rr"
done

echo "damage props: $pass passed, $fail failed"
[ "$fail" = 0 ]
