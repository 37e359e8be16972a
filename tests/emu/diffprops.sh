#!/bin/sh
# rrdiff's properties, through recordings that rremu makes:
#   recordings of a guest (echo, slowrx) whose inputs differ at a random
#   byte: the cause is exactly the bottom half that delivered that byte,
#   with the byte on each side, and --all counts one cause;
#   a recording with one host value changed (clock, entropy, demo): the
#   cause is that read, its values apart by the change, one cause;
#   every --json output fits formats/rrdiff.schema.json, result last;
#   a log with one tampered clock value: --exact names the instruction
#   that read it (the one after the read's icount);
#   rrverify --replay says the same as rremu replay about that log.
# Random points come from SEED (printed, so a failure can be repeated).
B=${B:-build}
. tests/emu/lib.sh
F=$B/rrdiff
echo "diff props: SEED=$SEED"

# bh_of LOG K: the number of the bh event in LOG that holds input byte K
# (from 1).
bh_of() {
	$D --json -k bh "$1" | awk -v k="$2" -F'"event":' '
	    { split($2, a, ","); d = $0; sub(/.*"data":"/, "", d)
	      sub(/".*/, "", d); n += length(d) / 2
	      if (n >= k + 0) { print a[1]; exit } }'
}

# valid FILE WHAT: every record of rrdiff's JSON output FILE fits
# formats/rrdiff.schema.json, and the last is the result.
valid() {
	if /usr/bin/python3 tests/schema/validate.py --last diff_result \
	    formats/rrdiff.schema.json "$1" >"$T/valid"; then
		ok "$2: every record fits rrdiff's schema, the result last"
	else
		bad "$2: records that do not fit rrdiff's schema"
		head -5 "$T/valid"
	fi
}

# Recordings of a guest whose inputs differ at a random byte: rrdiff
# names the bottom half that delivered that byte as the cause, at its
# event number in both, with the byte on each side; --all counts one
# cause (what follows are its consequences).
for i in 1 2 3 4 5 6; do
	rand 2
	case $R in
	1)	g=echo ;;
	2)	g=slowrx ;;
	esac
	in=tests/guests/$g.in
	$E record -q --checkpoint-interval 2000 -o "$T/a.rr" "$G/$g.elf" <"$in" >/dev/null
	# Only the bytes the guest took in can change its run.
	size=$(taken "$T/a.rr" 999999999)
	rand "$size"
	k=$R
	# The byte at k, changed to another printable one.
	c=$(dd if="$in" bs=1 skip=$((k - 1)) count=1 2>/dev/null)
	[ "$c" = x ] && r=y || r=x
	{ head -c $((k - 1)) "$in"; printf '%s' "$r"; tail -c +$((k + 1)) "$in"; } \
	    >"$T/in"
	$E record -q --checkpoint-interval 2000 -o "$T/b.rr" "$G/$g.elf" <"$T/in" >/dev/null
	want=$(bh_of "$T/a.rr" "$k")
	$F --json "$T/a.rr" "$T/b.rr" >"$T/d.json"
	st=$?
	valid "$T/d.json" "$g, input byte $k changed"
	got=$(jq -r 'select(.type == "diff_result") |
	    "\(.cause.kind) \(.cause.a.event) \(.cause.b.event)"' "$T/d.json")
	hex=$(printf '%s' "$c" | od -An -tx1 | tr -d ' \n')
	rhex=$(printf '%s' "$r" | od -An -tx1 | tr -d ' \n')
	vals=$(jq -r 'select(.type == "diff_cause") |
	    "\(.a.data | contains("'"$hex"'")) \(.b.data | contains("'"$rhex"'"))"' \
	    "$T/d.json")
	if [ -n "$want" ] && [ "$got" = "bh $want $want" ] && [ "$st" = 1 ] &&
	    [ "$vals" = "true true" ]; then
		ok "$g, input byte $k changed: the cause is its bottom half, event $want, '$c' vs '$r'"
	else
		bad "$g, input byte $k changed: want bh $want $want, rrdiff said '$got' ('$vals', exit $st)"
		$F "$T/a.rr" "$T/b.rr" | head -12
	fi
	$F -a --json "$T/a.rr" "$T/b.rr" >"$T/all.json"
	valid "$T/all.json" "$g, input byte $k changed, --all"
	n=$(jq -r 'select(.type == "diff_result") | .causes' "$T/all.json")
	if [ "$n" = 1 ]; then
		ok "$g, input byte $k changed: --all counts 1 cause"
	else
		bad "$g, input byte $k changed: --all counts '$n' causes"
	fi
done

# A recording with one host value changed (a clock or entropy read, as
# another host would have given): that read is the cause, at its event
# in both, its values apart by what was added; --all counts one cause.
for i in 1 2 3 4 5 6; do
	rand 3
	case $R in
	1)	g=clock; kind=clock; in=/dev/null ;;
	2)	g=entropy; kind=entropy; in=/dev/null ;;
	3)	g=demo; rand 2; [ $R = 1 ] && kind=clock || kind=entropy
		in=tests/guests/demo.in ;;
	esac
	$E record -q --checkpoint-interval 1000 -o "$T/h.rr" "$G/$g.elf" <"$in" >/dev/null
	nk=$($D -k $kind "$T/h.rr" | wc -l)
	rand "$nk"
	n=$($D -k $kind "$T/h.rr" | sed -n "${R}s/ .*//p")
	rand 1000
	delta=$R
	$B/tamper "$T/h.rr" "$T/hb.rr" "$n" "$delta" >/dev/null || exit 2
	$F --json "$T/h.rr" "$T/hb.rr" >"$T/h.json"
	st=$?
	valid "$T/h.json" "$g, $kind event $n changed"
	got=$(jq -r 'select(.type == "diff_result") |
	    "\(.cause.kind) \(.cause.a.event) \(.cause.b.event)"' "$T/h.json")
	# The two values from the first line (jq's numbers are doubles:
	# a clock's ns would lose digits).
	$F "$T/h.rr" "$T/hb.rr" >"$T/h.txt"
	apart=$(sed -n '1s/^cause: .*: \([0-9a-fx]*\) vs \([0-9a-fx]*\)$/\2 - \1/p' \
	    "$T/h.txt")
	[ -n "$apart" ] && apart=$(($apart))
	if [ "$got" = "$kind $n $n" ] && [ "$st" = 1 ] &&
	    [ "$apart" = "$delta" ]; then
		ok "$g, $kind event $n +$delta: the cause is that read"
	else
		bad "$g, $kind event $n +$delta: rrdiff said '$got', apart by '$apart' (exit $st)"
		$F "$T/h.rr" "$T/hb.rr" | head -12
	fi
	$F -a --json "$T/h.rr" "$T/hb.rr" >"$T/hall.json"
	valid "$T/hall.json" "$g, $kind event $n changed, --all"
	c=$(jq -r 'select(.type == "diff_result") | .causes' "$T/hall.json")
	if [ "$c" = 1 ]; then
		ok "$g, $kind event $n changed: --all counts 1 cause"
	else
		bad "$g, $kind event $n changed: --all counts '$c' causes"
	fi
done

# A tampered clock value: --exact names the instruction that read it,
# by icount and by pc: the address of a load in the ELF (a 2-byte c.lw
# in the rv32imac build).
OBJDUMP=${OBJDUMP:-riscv64-unknown-elf-objdump}
$OBJDUMP -d "$G/clock.elf" >"$T/clock.dis" || exit 2
$E record -q --checkpoint-interval 1000 -o "$T/clock.rr" "$G/clock.elf" </dev/null
nclock=$($D -k clock "$T/clock.rr" | wc -l)
for i in 1 2 3; do
	rand "$nclock"
	n=$($D -k clock "$T/clock.rr" | sed -n "${R}s/ .*//p")
	at=$($B/tamper "$T/clock.rr" "$T/bad.rr" "$n" 1000) || exit 2
	$F --exact --json "$T/clock.rr" "$T/bad.rr" >"$T/exact.json"
	valid "$T/exact.json" "--exact, clock event $n tampered"
	got=$(jq -r 'select(.type == "diff_result") | .instruction.icount' \
	    "$T/exact.json")
	pc=$(jq -r 'select(.type == "diff_result") | .instruction.pc' \
	    "$T/exact.json" | sed 's/^0x//')
	if [ "$got" = $((at + 1)) ]; then
		ok "clock event $n (icount $at) tampered: --exact names icount $got"
	else
		bad "clock event $n (icount $at) tampered: --exact said '$got'"
	fi
	# objdump: "80000796:	4388                	lw	a0,0(a5)"
	insn=$(sed -n "s/^ *${pc#0*}:[[:space:]]*\([0-9a-f]*\)[[:space:]]*\([a-z.]*\).*/\1 \2/p" \
	    "$T/clock.dis")
	case $insn in
	????" lw"|????????" lw")
		ok "--exact's pc 0x$pc is the load: $insn" ;;
	*)	bad "--exact's pc 0x$pc is '$insn', not a load" ;;
	esac
	$B/rrverify -q --replay "$T/bad.rr"
	vst=$?
	$E replay -q "$T/bad.rr" 2>/dev/null
	est=$?
	if [ "$vst" = 1 ] && [ "$est" = 123 ]; then
		ok "rrverify --replay and rremu replay both see the divergence"
	else
		bad "rrverify --replay exit $vst, rremu replay exit $est"
	fi
done

echo "diff props: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
