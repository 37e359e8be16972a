#!/bin/sh
# Pinned host inputs (rremu --rtc-base, --entropy-seed, --host-from):
#   - rr(7)'s CI pipeline as a test, on the demo, clock and entropy
#     guests: record with pinned inputs, rrverify --replay, rrdiff
#     against a golden recording: exit 0 and the same events on the
#     same input; exit 1 naming the right event for one changed input
#     byte (demo: a random byte, seed printed) or pinned value;
#   - re-recording from a known-good log (--host-from): the same input
#     gives the same events; input that makes the guest ask in another
#     order (tests/emu/asker.S) parts, and rremu says where, on stderr
#     and in the END event, and the values after that come from the
#     fallback source;
#   - a pinned run stopped with a snapshot and resumed goes on with the
#     values a run that never stopped takes;
#   - semihosting's TIME on the pinned clock.
B=${B:-build}
. tests/emu/lib.sh
V=$B/rrverify
F=$B/rrdiff
A=$B/tests/emu/asker.elf
BASE=2026-01-01T00:00:00
BASE_NS=1767225600000000000
PIN="--rtc-base $BASE --entropy-seed 7"
LIMIT="-N 50000000"	# lib.sh's rest() sets N
echo "pinned: seed $SEED"

# events LOG: its events, one a line (no header: it has ids and times)
events() {
	$D "$1" >"$T/ev" || echo "rrdump $1: exit $?"
	cat "$T/ev"
}
# events_nokey LOG: the same, keyframes without their size (a pinned
# run's keyframes say its sources and counts: metadata)
events_nokey() {
	events "$1" | sed 's/ keyframe [0-9]* bytes$/ keyframe/'
}

# record NAME GUEST INPUT OPTIONS...: record $T/NAME.rr; status in $st
record() {
	rec_n=$1 rec_g=$2 rec_i=$3
	shift 3
	$E record -q $LIMIT "$@" -o "$T/$rec_n.rr" "$rec_g" <"$rec_i" \
	    2>"$T/$rec_n.err"
	st=$?
}


# ---- the pipeline: the same input passes, a changed one names it ----
for g in demo clock entropy; do
	in=/dev/null
	[ "$g" = demo ] && in=tests/guests/demo.in
	record gold "$G/$g.elf" "$in" $PIN
	gst=$st
	record run "$G/$g.elf" "$in" $PIN
	$V -q --replay "$T/run.rr"
	vst=$?
	$F "$T/gold.rr" "$T/run.rr" >"$T/d.out" 2>&1
	dst=$?
	if [ "$gst" = 0 ] && [ "$st" = 0 ] && [ "$vst" = 0 ] &&
	    [ "$dst" = 0 ] && [ "$(events "$T/gold.rr")" = \
	    "$(events "$T/run.rr")" ]; then
		ok "$g: pinned, the same input: same events, rrdiff exit 0"
	else
		bad "$g: record $gst/$st, rrverify $vst, rrdiff $dst"
		sed 's/^/	/' "$T/d.out" | head -5
	fi
done

# demo: one input byte changed (a random one, not in the last line,
# "quit", nor the newline before it, so that the guest still ends); the
# bottom half that carries it is the cause rrdiff names, on both sides.
len=$(wc -c <tests/guests/demo.in)
last=$(tail -n 1 tests/guests/demo.in | wc -c)
rand $((len - last - 1))
pos=$R
head -c $((pos - 1)) tests/guests/demo.in >"$T/in2"
old=$(tail -c +"$pos" tests/guests/demo.in | head -c 1 | od -An -tu1 |
    tr -d ' ')
printf "\\$(printf %03o $((old ^ 1)))" >>"$T/in2"
tail -c +$((pos + 1)) tests/guests/demo.in >>"$T/in2"
record gold "$G/demo.elf" tests/guests/demo.in $PIN
record changed "$G/demo.elf" "$T/in2" $PIN
cst=$st
# The bh that delivered byte pos (from 1), by the bytes before it.
want=$($D --json -k bh "$T/gold.rr" | awk -v pos="$pos" -F'"event":' '
    { split($2, a, ","); d = $0; sub(/.*"data":"/, "", d)
      sub(/".*/, "", d); n += length(d) / 2
      if (n >= pos) { print a[1]; exit } }')
$F "$T/gold.rr" "$T/changed.rr" >"$T/changed.diff" 2>&1
st=$?
line=$(head -n 1 "$T/changed.diff")
ic=$($D -e "$want-" -c 1 "$T/gold.rr" | awk '{ print $2 }')
case "$line" in
"cause: bh at event $want icount $ic vs event $want icount $ic: "*)
	if [ "$cst" = 0 ] && [ "$st" = 1 ] &&
	    grep -q "^-$want $ic bh " "$T/changed.diff"; then
		ok "demo: input byte $pos changed: rrdiff exit 1 at bh event $want"
	else
		bad "demo: input byte $pos: record $cst, rrdiff exit $st"
	fi ;;
*)	bad "demo: input byte $pos: want event $want (icount $ic): $line"
	sed 's/^/	/' "$T/changed.diff" | head -8 ;;
esac

# clock and entropy: another pinned value.  rrdiff exits 1 and names
# the first read as an input that differs.
# named WHAT GUEST KIND OPTIONS...: gold.rr pinned, changed.rr with OPTIONS
named() {
	nm_w=$1 nm_g=$2 nm_k=$3
	shift 3
	record gold "$G/$nm_g.elf" /dev/null $PIN
	record changed "$G/$nm_g.elf" /dev/null "$@"
	want=$($D -k "$nm_k" "$T/gold.rr" | head -n 1 | awk '{ print $1, $2 }')
	$F "$T/gold.rr" "$T/changed.rr" >/dev/null 2>&1
	st=$?
	$F -a "$T/gold.rr" "$T/changed.rr" >"$T/changed.diff" 2>&1
	if [ "$st" = 1 ] && [ -n "$want" ] &&
	    grep -q "^ *-$want $nm_k " "$T/changed.diff"; then
		ok "$nm_g: $nm_w: rrdiff exit 1, names the first $nm_k read (event ${want% *})"
	else
		bad "$nm_g: $nm_w: rrdiff exit $st, want event <$want>"
		sed 's/^/	/' "$T/changed.diff" | head -8
	fi
}
named "another base" clock clock --rtc-base 2026-01-02 --entropy-seed 7
named "another seed" entropy entropy --rtc-base "$BASE" --entropy-seed 8

# The values themselves: base + vtime (shift 0, no idle: + icount), and
# the header says the sources.
# base_plus LOG: each clock read's value minus base minus its icount
# (64-bit shell arithmetic: awk's doubles would round them)
base_plus() {
	$D -k clock "$1" | while read -r _ bp_ic _ bp_v; do
		echo $((bp_v - BASE_NS - bp_ic))
	done
}
record vm "$G/clock.elf" /dev/null $PIN
bad_vm=$(base_plus "$T/vm.rr" | sort -u | paste -sd, -)
if [ "$bad_vm" = 0 ] && [ "$($D -k clock "$T/vm.rr" | wc -l)" = 8 ] && $D -H "$T/vm.rr" | grep -qx "clock_base = $BASE_NS" &&
    $D -H "$T/vm.rr" | grep -qx 'entropy_seed = 7'; then
	ok "clock: every RTC read is base + icount; the header says so"
else
	bad "clock: reads off base + icount: $bad_vm"
fi

# ---- re-recording from a known-good log ----
for g in demo clock entropy; do
	in=/dev/null
	[ "$g" = demo ] && in=tests/guests/demo.in
	record good "$G/$g.elf" "$in"
	record re "$G/$g.elf" "$in" --host-from "$T/good.rr"
	$F "$T/good.rr" "$T/re.rr" >"$T/d.out" 2>&1
	dst=$?
	id=$($D -H "$T/good.rr" | sed -n 's/^recording_id = //p')
	if [ "$st" = 0 ] && [ "$dst" = 0 ] && [ ! -s "$T/re.err" ] &&
	    [ "$(events_nokey "$T/good.rr")" = \
	    "$(events_nokey "$T/re.rr")" ] &&
	    $D -H "$T/re.rr" | grep -qx "host_from = $id"; then
		ok "$g: re-recorded from a known-good log: the same events"
	else
		bad "$g: --host-from: record $st, rrdiff $dst: $(cat "$T/re.err")"
	fi
done
# The same order with other input: nothing parts, rrdiff names the byte.
record good "$G/demo.elf" tests/guests/demo.in
record re "$G/demo.elf" "$T/in2" --host-from "$T/good.rr"
$F "$T/good.rr" "$T/re.rr" >"$T/d.out" 2>&1
dst=$?
if [ "$st" = 0 ] && [ "$dst" = 1 ] && [ ! -s "$T/re.err" ] &&
    [ "$($D -k clock,entropy "$T/good.rr" | awk '{ print $3, $4 }')" = \
    "$($D -k clock,entropy "$T/re.rr" | awk '{ print $3, $4 }')" ]; then
	ok "demo: --host-from, input byte $pos changed: same host values, rrdiff exit 1"
else
	bad "demo: --host-from, changed input: record $st, rrdiff $dst"
fi

# asker: the same order, then another one.
printf 'ccec\nq' >"$T/ask1"
printf 'cecc\nq' >"$T/ask2"
record good "$A" "$T/ask1"
record re "$A" "$T/ask1" --host-from "$T/good.rr"
if [ "$st" = 0 ] && [ ! -s "$T/re.err" ] &&
    [ "$(events_nokey "$T/good.rr")" = "$(events_nokey "$T/re.rr")" ]; then
	ok "asker: the same order: the same events"
else
	bad "asker: the same order: record $st: $(cat "$T/re.err")"
fi
record re "$A" "$T/ask2" --host-from "$T/good.rr" --rtc-base "$BASE"
# They part at the guest's second request (an entropy read); the good
# log's second is a clock read.
ev=$($D -k entropy "$T/re.rr" | head -n 1)
g2=$($D -k clock,entropy "$T/good.rr" | sed -n 2p)
want="host values part from the --host-from log at event ${ev%% *}, icount $(echo "$ev" | awk '{ print $2 }'): the guest's host value 2 is entropy, that log's is clock (its event ${g2%% *}, icount $(echo "$g2" | awk '{ print $2 }'))"
if [ "$st" = 0 ] && grep -qF "rremu: $T/re.rr: $want;" "$T/re.err" &&
    $D -k end "$T/re.rr" | grep -qF "\"$want;"; then
	ok "asker: another order: parts at event ${ev%% *}, said on stderr and in END"
else
	bad "asker: another order: record $st, want <$want>"
	sed 's/^/	/' "$T/re.err"
fi
# Before: the good log's value; after: the virtual clock's.
c1=$($D -k clock "$T/good.rr" | head -n 1 | awk '{ print $4 }')
r1=$($D -k clock "$T/re.rr" | head -n 1 | awk '{ print $4 }')
late=$(base_plus "$T/re.rr" | tail -n +2 | sort -u | paste -sd, -)
if [ -n "$c1" ] && [ "$c1" = "$r1" ] && [ "$late" = 0 ]; then
	ok "asker: the first clock value is the good log's, those after parting the virtual clock's"
else
	bad "asker: values <$c1> <$r1> late <$late>"
fi
# The good log runs out: they part at the guest's fifth request.
printf 'ccecc\nq' >"$T/ask3"
record re "$A" "$T/ask3" --host-from "$T/good.rr"
if [ "$st" = 0 ] && grep -q "host value 5 is clock, that log has no more;" \
    "$T/re.err"; then
	ok "asker: parts where the good log has no more values"
else
	bad "asker: past the good log's end: record $st: $(cat "$T/re.err")"
fi

# ---- stopped with a snapshot, resumed ----
# entropy: the seed reads after the stop are those of a run that never
# stopped, seeded and from a known-good log alike.
record whole "$G/entropy.elf" /dev/null $PIN
at=$($D -k entropy "$T/whole.rr" | sed -n 7p | awk '{ print $2 }')
$E record -q $PIN -u "$at" -S "$T/e.snap" -o "$T/e1.rr" "$G/entropy.elf" \
    </dev/null 2>/dev/null
s1=$?
$E record -q $PIN -L "$T/e.snap" -o "$T/e2.rr" "$G/entropy.elf" </dev/null
s2=$?
tailv() { $D -k entropy "$1" | awk -v at="$at" '$2 >= at { print $2, $4 }'; }
if [ "$s1" = 0 ] && [ "$s2" = 0 ] && [ -n "$(tailv "$T/whole.rr")" ] &&
    [ "$(tailv "$T/whole.rr")" = "$(tailv "$T/e2.rr")" ]; then
	ok "entropy: seeded, stopped at icount $at and resumed: the same values"
else
	bad "entropy: seeded resume: stop $s1, resume $s2"
fi
record good "$G/entropy.elf" /dev/null
$E record -q --host-from "$T/good.rr" -u "$at" -S "$T/h.snap" \
    -o "$T/h1.rr" "$G/entropy.elf" </dev/null 2>/dev/null
s1=$?
$E record -q --host-from "$T/good.rr" -L "$T/h.snap" -o "$T/h2.rr" \
    "$G/entropy.elf" </dev/null 2>"$T/h2.err"
s2=$?
if [ "$s1" = 0 ] && [ "$s2" = 0 ] && [ ! -s "$T/h2.err" ] &&
    [ "$(tailv "$T/good.rr")" = "$(tailv "$T/h2.rr")" ]; then
	ok "entropy: --host-from, stopped and resumed: the good log's values"
else
	bad "entropy: --host-from resume: stop $s1, resume $s2: $(cat "$T/h2.err")"
fi

# Parted before the snapshot: the resumed run takes nothing more from
# the good log (ccec), even where the guest's requests (ceec) would
# match it again; with --rtc-base, its clock reads are base + icount.
printf 'ceec\nq' >"$T/ask4"
record good "$A" "$T/ask1"
record whole "$A" "$T/ask4" --host-from "$T/good.rr"
at=$($D -k entropy "$T/whole.rr" | sed -n 1p | awk '{ print $2 + 1 }')
$E record -q --host-from "$T/good.rr" --rtc-base "$BASE" -u "$at" \
    -S "$T/p.snap" -o "$T/p1.rr" "$A" <"$T/ask4" >/dev/null 2>&1
s1=$?
rest "$T/ask4" "$T/p1.rr" "$T/p.snap"
$E record -q --host-from "$T/good.rr" --rtc-base "$BASE" -L "$T/p.snap" \
    -o "$T/p2.rr" "$A" <"$T/rest" >/dev/null 2>"$T/p2.err"
s2=$?
late=$(base_plus "$T/p2.rr" | sort -u | paste -sd, -)
if [ "$s1" = 0 ] && [ "$s2" = 0 ] && [ "$late" = 0 ] &&
    grep -q "parted from the --host-from log before the snapshot" "$T/p2.err"; then
	ok "asker: parted, stopped at icount $at and resumed: nothing more from the good log"
else
	bad "asker: parted and resumed: stop $s1, resume $s2, clock <$late>: $(cat "$T/p2.err")"
fi

# ---- semihosting's TIME on the pinned clock ----
X=$(cd "$B" && pwd)
Pg=$X/guests/picolibc
if [ ! -f "$Pg/shbad.elf" ]; then
	bad "semihosting: no $Pg/shbad.elf (make emu-props builds it)"
else
	mkdir -p "$T/root"
	(cd "$T/root" && $X/rremu record $LIMIT -q --semihosting --rtc-base "$BASE" \
	    -o "$T/sh.rr" "$Pg/shbad.elf" </dev/null >/dev/null 2>&1)
	# TIME is 0x11: result = the base's seconds (vtime is under 1 s)
	tm=$($D --json -k semihost "$T/sh.rr" | grep '"op":17,' |
	    sed -n 's/.*"result":\([0-9-]*\).*/\1/p')
	if [ "$tm" = "${BASE_NS%000000000}" ]; then
		ok "semihosting: TIME is the pinned base's seconds"
	else
		bad "semihosting: TIME <$tm>"
		$D -k semihost "$T/sh.rr" | sed 's/^/	/' | head -5
	fi
	# A known-good log stopped before TIME: the re-recording parts
	# there, and names TIME's event in the new log.
	ic=$($D --json -k semihost "$T/sh.rr" | grep '"op":17,' |
	    sed -n 's/.*"icount":\([0-9]*\).*/\1/p')
	(cd "$T/root" && $X/rremu record $LIMIT -q --semihosting -u "$ic" \
	    -o "$T/shgood.rr" "$Pg/shbad.elf" </dev/null >/dev/null 2>&1)
	(cd "$T/root" && $X/rremu record $LIMIT -q --semihosting --host-from \
	    "$T/shgood.rr" -o "$T/shre.rr" "$Pg/shbad.elf" </dev/null \
	    >/dev/null 2>"$T/shre.err")
	ev=$($D --json -k semihost "$T/shre.rr" | grep '"op":17,' |
	    sed -n 's/.*"event":\([0-9]*\).*/\1/p')
	if [ -n "$ev" ] && grep -q "at event $ev, icount $ic: the guest's host value 1 is semihosting TIME, that log has no more;" "$T/shre.err"; then
		ok "semihosting: parts at TIME (event $ev), where the good log stops"
	else
		bad "semihosting: parting at TIME <$ev> <$ic>: $(cat "$T/shre.err")"
	fi
fi

echo "pinned: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
