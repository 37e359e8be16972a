#!/bin/sh
# rrdiff's properties, through recordings that rremu makes:
#   recordings of one guest whose inputs differ at a random byte part at
#   exactly the bottom half that delivered that byte;
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

in=tests/guests/echo.in
$E record -q -c 2000 -o "$T/a.rr" "$G/echo.elf" <"$in" >/dev/null
# Only the bytes the guest took in can change its run.
size=$(taken "$T/a.rr" 999999999)
for i in 1 2 3 4 5; do
	rand "$size"
	k=$R
	# The byte at k, changed to another printable one.
	c=$(dd if="$in" bs=1 skip=$((k - 1)) count=1 2>/dev/null)
	[ "$c" = x ] && r=y || r=x
	{ head -c $((k - 1)) "$in"; printf '%s' "$r"; tail -c +$((k + 1)) "$in"; } \
	    >"$T/in"
	$E record -q -c 2000 -o "$T/b.rr" "$G/echo.elf" <"$T/in" >/dev/null
	want=$(bh_of "$T/a.rr" "$k")
	got=$($F --json "$T/a.rr" "$T/b.rr" |
	    sed -n '1s/^{"type":"event","a":{"type":"event","event":\([0-9]*\),[^}]*"kind":"bh".*/\1/p')
	$F -q "$T/a.rr" "$T/b.rr"
	st=$?
	if [ -n "$want" ] && [ "$got" = "$want" ] && [ "$st" = 1 ]; then
		ok "input byte $k changed: rrdiff parts at its bottom half, event $want"
	else
		bad "input byte $k changed: want bh event $want, rrdiff said '$got' (exit $st)"
		$F "$T/a.rr" "$T/b.rr" | head -12
	fi
done

# A tampered clock value: --exact names the instruction that read it,
# by icount and by pc: the address of a load in the ELF (a 2-byte c.lw
# in the rv32imac build).
OBJDUMP=${OBJDUMP:-riscv64-unknown-elf-objdump}
$OBJDUMP -d "$G/clock.elf" >"$T/clock.dis" || exit 2
$E record -q -c 1000 -o "$T/clock.rr" "$G/clock.elf" </dev/null
nclock=$($D -k clock "$T/clock.rr" | wc -l)
for i in 1 2 3; do
	rand "$nclock"
	n=$($D -k clock "$T/clock.rr" | sed -n "${R}s/ .*//p")
	at=$($B/tamper "$T/clock.rr" "$T/bad.rr" "$n" 1000) || exit 2
	$F --exact --json "$T/clock.rr" "$T/bad.rr" >"$T/exact.json"
	got=$(sed -n 's/^{"type":"instruction","icount":\([0-9]*\),.*/\1/p' \
	    "$T/exact.json")
	pc=$(sed -n 's/^{"type":"instruction",.*"pc":"0x\([0-9a-f]*\)".*/\1/p' \
	    "$T/exact.json")
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
