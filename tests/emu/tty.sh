#!/bin/sh
# What the tools show on a terminal, run there by script(1):
#   - progress on stderr for a replay that takes over a second: rrverify
#     --replay and --snapshot --log, rrdiff --at and --exact, rrcut
#     --exact; one line rewritten in place and cleared at the end (the
#     last bytes are "\r ESC [K" or what follows them); none off a
#     terminal;
#   - colour: --color=auto paints on a terminal, not with NO_COLOR set
#     (not empty) or TERM=dumb, never into a pipe; --color=always
#     paints into a pipe, NO_COLOR or not.
B=${B:-build}
. tests/emu/lib.sh
echo "emu tty"
if ! command -v script >/dev/null; then
	echo "skip the terminal cases: script(1) missing (util-linux)"
	exit 0
fi
esc=$(printf '\033')

# tty NAME CMD: run CMD on a pseudo-terminal (stdout and stderr both);
# ST its status, $T/NAME.out what the terminal got.
tty() {
	script -qec "$2" /dev/null >"$T/$1.out" 2>&1 </dev/null
	ST=$?
}

# progress NAME WANT LINE: the terminal shows "LINE NN%" and ends with
# the line cleared, and the status is WANT.
progress() {
	if [ "$ST" = "$2" ] && grep -aq "$3 *[0-9]*%" "$T/$1.out" &&
	    grep -aq "$(printf '\r')$esc\[K" "$T/$1.out"; then
		ok "$1 on a terminal: progress, then the line cleared (exit $ST)"
	else
		bad "$1 on a terminal: exit $ST (want $2), $(od -An -c "$T/$1.out" | head -4)"
	fi
}

# A recording with one keyframe, of over a billion instructions: each of
# these replays takes over a second.
$E record -q -K 0 -o "$T/long.rr" "$G/compute.elf" </dev/null >/dev/null ||
    bad "rremu record compute"
last=$($D -k end "$T/long.rr" | awk '{ print $2 }')
near=$((last - 1000))

tty verify "$B/rrverify -r $T/long.rr"
progress verify 0 "rrverify: [^ ]*long.rr:"
# The verdict of the structure is out before the replay's progress.
if grep -aq "long.rr: .*valid" "$T/verify.out" &&
    [ "$(grep -ao 'valid\|%' "$T/verify.out" | head -1)" = valid ]; then
	ok "rrverify -r: the structural verdict shows before the replay's progress"
else
	bad "rrverify -r: the verdict comes after the progress"
fi
$B/rrverify -r "$T/long.rr" >/dev/null 2>"$T/verify.err"
st=$?
if [ $st = 0 ] && [ ! -s "$T/verify.err" ]; then
	ok "rrverify -r off a terminal: nothing on stderr"
else
	bad "rrverify -r off a terminal: exit $st, $(head -c 80 "$T/verify.err")"
fi

$E replay -q -u "$near" -S "$T/near.snap" "$T/long.rr" 2>/dev/null ||
    bad "rremu replay -S near the end"
tty snaplog "$B/rrverify -S $T/near.snap -l $T/long.rr"
progress snaplog 0 "rrverify: [^ ]*long.rr:"

tty at "$B/rrdiff --at $near $T/long.rr $T/near.snap"
progress at 0 "rrdiff: [^ ]*long.rr:"
$B/rrdiff --at "$near" "$T/long.rr" "$T/near.snap" 2>"$T/at.err"
st=$?
if [ $st = 0 ] && [ ! -s "$T/at.err" ]; then
	ok "rrdiff --at off a terminal: nothing on stderr"
else
	bad "rrdiff --at off a terminal: exit $st"
fi

tty cut "$B/rrcut -q --exact -i $near- -o $T/cut.rr $T/long.rr"
progress cut 0 "rrcut: [^ ]*long.rr:"
if $B/rrverify -q "$T/cut.rr"; then
	ok "rrcut --exact on a terminal: the cut is a valid log"
else
	bad "rrcut --exact on a terminal: the cut is not valid"
fi

# --exact: a clock value tampered in a recording without checkpoints, so
# that the lock step runs from the start to the read (millions of
# instructions, seconds).
$E record -q --checkpoint-interval 0 -o "$T/rtc.rr" "$G/rtcbench.elf" </dev/null >/dev/null ||
    bad "rremu record rtcbench"
n=$($D -k clock "$T/rtc.rr" | sed -n '400000s/ .*//p')
$B/tamper "$T/rtc.rr" "$T/rtcbad.rr" "$n" 1000 >/dev/null ||
    bad "tamper rtc.rr"
tty exact "$B/rrdiff -x $T/rtc.rr $T/rtcbad.rr"
progress exact 1 "rrdiff: [^ ]*rtc.rr vs [^ ]*rtcbad.rr:"
if grep -aq "first instruction after which the states differ" \
    "$T/exact.out"; then
	ok "rrdiff -x on a terminal: the finding follows the progress"
else
	bad "rrdiff -x on a terminal: no finding"
fi

# ---- colour ----

D1=$B/data/good-diff-a.rr
D2=$B/data/good-diff-bh.rr
# painted NAME WANT: $T/NAME.out has an SGR sequence (WANT 1) or not (0).
painted() {
	if grep -aq "$esc\[" "$T/$1.out"; then got=1; else got=0; fi
	if [ "$got" = "$2" ] && [ "$ST" = 1 ]; then
		ok "$1: $([ "$2" = 1 ] && echo painted || echo not painted)"
	else
		bad "$1: painted $got, want $2 (exit $ST)"
	fi
}
tty auto "env TERM=xterm NO_COLOR= $B/rrdiff $D1 $D2"
painted auto 1
tty no-color "env TERM=xterm NO_COLOR=1 $B/rrdiff $D1 $D2"
painted no-color 0
tty dumb "env TERM=dumb $B/rrdiff $D1 $D2"
painted dumb 0
tty never "env TERM=xterm $B/rrdiff --color=never $D1 $D2"
painted never 0
tty always "env TERM=xterm NO_COLOR=1 $B/rrdiff --color=always $D1 $D2"
painted always 1
tty verify-auto "env TERM=xterm NO_COLOR= $B/rrverify $T/rtcbad.rr $B/data/bad-flip.rr"
painted verify-auto 1
tty verify-no-color "env TERM=xterm NO_COLOR=1 $B/rrverify $T/rtcbad.rr $B/data/bad-flip.rr"
painted verify-no-color 0
# Into a pipe: auto is off, always is on.
{ TERM=xterm $B/rrdiff "$D1" "$D2"; echo $? >"$T/st"; } | cat >"$T/pipe.out"
ST=$(cat "$T/st")
painted pipe 0
{ TERM=xterm $B/rrdiff --color=always "$D1" "$D2"; echo $? >"$T/st"; } |
    cat >"$T/pipe-always.out"
ST=$(cat "$T/st")
painted pipe-always 1

echo "emu tty: $pass passed, $fail failed"
[ "$fail" = 0 ]
