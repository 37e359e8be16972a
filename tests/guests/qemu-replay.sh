#!/bin/sh
# qemu-replay.sh: record guests with QEMU's own record/replay
# (-icount rr=record) and read the logs with rrdump and rrverify.
#
# usage: sh tests/guests/qemu-replay.sh
#
# Environment: B (build directory, default build), QEMU (default
# qemu-system-riscv32), TIMEOUT (seconds per QEMU run, default 60).
#
# What is checked against something outside the reader:
#   - every byte the guest printed is one char-write event;
#   - timer takes 5 interrupts, clock reads the RTC 8 times (8 host
#     clock events after its first output), entropy's 16 seed reads are
#     random events;
#   - compute: 2 more rounds run exactly 2 x 136,999 more instructions
#     between its two output lines (the count per round in
#     tests/guests/README, measured with qemu -singlestep -d exec);
#   - a log cut short, a log without its header, and the log of a QEMU
#     killed with SIGKILL are "truncated"; flipped bytes never crash.

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
B=${B:-build}
case $B in
/*) ;;
*) B=$root/$B ;;
esac
QEMU=${QEMU:-qemu-system-riscv32}
TIMEOUT=${TIMEOUT:-60}
QEMU_ARGS="-M virt -cpu rv32,zkr=true -bios none -nographic -monitor none"
QEMU_ARGS="$QEMU_ARGS -serial stdio"

passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qemu-replay.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

pass() {
	passed=$((passed + 1))
	echo "ok   $*"
}

fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

# shellcheck source=tests/guests/patchword.sh
. "$here/patchword.sh"

# record NAME ELF: QEMU records $tmp/NAME.bin, output in $tmp/NAME.out.
record() {
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" $QEMU $QEMU_ARGS \
	    -icount "shift=0,rr=record,rrfile=$tmp/$1.bin" -kernel "$2" \
	    </dev/null >"$tmp/$1.out" 2>"$tmp/$1.err"
}

# count NAME KIND: events of KIND (number) in NAME's log.
count() {
	"$B/rrdump" -k "$2" "$tmp/$1.bin" | wc -l | tr -d ' '
}

# stat NAME KEY: a value of rrdump --stats.
stat() {
	"$B/rrdump" -s "$tmp/$1.bin" | sed -n "s/^$2 = //p"
}

if ! command -v "${QEMU%% *}" >/dev/null 2>&1; then
	fail "qemu: $QEMU not found (make deps installs qemu-system-misc)"
	echo "qemu-replay: $passed passed, $failed failed"
	exit 1
fi

# Each guest: a valid log, one char-write per output byte, closed with
# the host-signal shutdown QEMU writes at exit and EVENT_END.
for g in hello clock timer entropy; do
	if ! record "$g" "$B/guests/$g.elf"; then
		fail "$g: qemu exit status $?"
		sed -n '1,5s/^/	/p' "$tmp/$g.err"
		continue
	fi
	if ! "$B/rrverify" "$tmp/$g.bin" >"$tmp/$g.v" 2>&1 ||
	    ! grep -q ': valid (QEMU replay log 0xe0200c)' "$tmp/$g.v"; then
		fail "$g: rrverify"
		sed 's/^/	/' "$tmp/$g.v"
		continue
	fi
	n=$(count "$g" 22)
	bytes=$(wc -c <"$tmp/$g.out" | tr -d ' ')
	last=$("$B/rrdump" "$tmp/$g.bin" | tail -n 2 | cut -d' ' -f3- |
	    tr '\n' '/')
	if [ "$n" != "$bytes" ]; then
		fail "$g: $n char-write events for $bytes bytes of output"
	elif [ "$last" != "shutdown host-signal/end/" ]; then
		fail "$g: log ends with $last"
	else
		pass "$g: valid, $n char-writes for $bytes output bytes"
	fi
done

# What the guests do, seen in their logs.
n=$(count timer 1)
[ "$n" = 5 ] && pass "timer: 5 interrupts" ||
    fail "timer: $n interrupt events, want 5"
n=$("$B/rrdump" "$tmp/clock.bin" |
    awk '$3 == "char-write" { w = 1 } w && $3 == "clock-host" { n++ }
    END { print n + 0 }')
[ "$n" -ge 8 ] && pass "clock: $n host clock reads after its first output" ||
    fail "clock: $n host clock events after the first output, want >= 8"
n=$(count entropy 27)
[ "$n" -ge 18 ] && pass "entropy: $n random events (16 seed reads + 2)" ||
    fail "entropy: $n random events, want >= 18"

# compute: the instructions between its two lines grow by 136,999 a round.
gap() {
	"$B/rrdump" -k 22 "$tmp/$1.bin" |
	    awk -v n="$(head -n 1 "$tmp/$1.out" | wc -c)" \
	    'NR == n { a = $2 } NR == n + 1 { print $2 - a }'
}
ok=1
for r in 1 3; do
	cp "$B/guests/compute.elf" "$tmp/c$r.elf" &&
	    patch_word "$tmp/c$r.elf" compute_rounds "$r" &&
	    record "c$r" "$tmp/c$r.elf" || ok=0
done
if [ "$ok" = 1 ]; then
	d=$(($(gap c3) - $(gap c1)))
	[ "$d" = 273998 ] &&
	    pass "compute: 2 more rounds, $d more instructions (2 x 136999)" ||
	    fail "compute: 2 more rounds, $d more instructions, want 273998"
else
	fail "compute: cannot patch or record"
fi

# rrdiff: two runs of hello differ only in host values; compute with 1
# and 3 rounds parts at its second line, at another icount; demo with
# one input byte changed names an input as the candidate cause.
record hello2 "$B/guests/hello.elf"
"$B/rrdiff" "$tmp/hello.bin" "$tmp/hello2.bin" >"$tmp/d.out" 2>&1
st=$?
[ "$st" = 1 ] && grep -q "^only host values differ" "$tmp/d.out" &&
    pass "rrdiff hello hello: only host values differ" ||
    fail "rrdiff hello hello: exit $st: $(cat "$tmp/d.out")"
if [ "$ok" = 1 ]; then
	"$B/rrdiff" "$tmp/c1.bin" "$tmp/c3.bin" >"$tmp/d.out" 2>&1
	st=$?
	at=$("$B/rrdump" -k 22 "$tmp/c1.bin" |
	    sed -n "$(($(head -n 1 "$tmp/c1.out" | wc -c) + 1))p")
	grep -q "at another icount" "$tmp/d.out" &&
	    grep -q "^-$at" "$tmp/d.out" && [ "$st" = 1 ] &&
	    pass "rrdiff compute 1 3: parts at the first byte after the loop" ||
	    fail "rrdiff compute 1 3: exit $st, want -$at: $(cat "$tmp/d.out")"
fi
# rrdiff's selections on the two runs of hello: host values left out
# (--ignore, or -k with them removed), the runs are the same; the
# guest's char-writes alone agree; a range up to the first char-write
# has no char-write in it.
for sel in "--ignore clock-host,clock-virtual-rt,random" \
    "-k ^clock-host,^clock-virtual-rt,^random" "-k char-write"; do
	# shellcheck disable=SC2086
	"$B/rrdiff" $sel "$tmp/hello.bin" "$tmp/hello2.bin" >"$tmp/d.out" 2>&1
	st=$?
	[ "$st" = 0 ] && [ ! -s "$tmp/d.out" ] &&
	    pass "rrdiff $sel hello hello: the same" ||
	    fail "rrdiff $sel hello hello: exit $st: $(cat "$tmp/d.out")"
done
"$B/rrdiff" -k clock-host "$tmp/hello.bin" "$tmp/hello2.bin" >"$tmp/d.out" 2>&1
st=$?
[ "$st" = 1 ] && grep -q "^  host values (clocks, random) differ" "$tmp/d.out" &&
    pass "rrdiff -k clock-host hello hello: the host clock differs" ||
    fail "rrdiff -k clock-host hello hello: exit $st: $(cat "$tmp/d.out")"
if [ "$ok" = 1 ]; then
	# -a: the parting has no input before it (1 difference, 0 causes);
	# --junit says where, valid against formats/junit.xsd.
	"$B/rrdiff" -a --junit "$tmp/d.xml" "$tmp/c1.bin" "$tmp/c3.bin" \
	    >"$tmp/d.out" 2>&1
	st=$?
	xmllint --noout --schema "$root/formats/junit.xsd" "$tmp/d.xml" \
	    >"$tmp/x.out" 2>&1
	xst=$?
	[ "$st" = 1 ] && [ "$xst" = 0 ] &&
	    grep -q "^1 independent difference, 0 causes$" "$tmp/d.out" &&
	    grep -q "^after this, [1-9][0-9]* events are shifted" \
	    "$tmp/d.out" &&
	    grep -q '<failure message="the guest.s events part at its event' \
	    "$tmp/d.xml" &&
	    pass "rrdiff -a --junit compute 1 3: one difference, reported" ||
	    fail "rrdiff -a --junit compute 1 3: exit $st, xmllint $xst:" \
	    "$(cat "$tmp/d.out" "$tmp/x.out" "$tmp/d.xml")"
	# -i up to the end of the first line's char-writes: the same.
	n=$(head -n 1 "$tmp/c1.out" | wc -c)
	last=$("$B/rrdump" -k 22 "$tmp/c1.bin" | sed -n "${n}p" |
	    awk '{ print $2 }')
	"$B/rrdiff" -i "-$last" "$tmp/c1.bin" "$tmp/c3.bin" >"$tmp/d.out" 2>&1
	st=$?
	[ -n "$last" ] && { [ "$st" = 0 ] ||
	    grep -q "^only host values differ" "$tmp/d.out"; } &&
	    ! grep -q "part at" "$tmp/d.out" &&
	    pass "rrdiff -i -$last compute 1 3: they agree up to the first line" ||
	    fail "rrdiff -i -$last compute 1 3: exit $st: $(cat "$tmp/d.out")"
fi
# demo waits for input that QEMU 7.2 in record mode hands over when the
# host's timing says (part of it, or all at icount 0): it is stopped
# after 4 s, and what it read must be the start of demo.in.
# shellcheck disable=SC2086
timeout 4 $QEMU $QEMU_ARGS -icount "shift=0,rr=record,rrfile=$tmp/demo.bin" \
    -kernel "$B/guests/demo.elf" <"$here/demo.in" >/dev/null 2>&1
data=$("$B/rrdump" -j -k async-char-read "$tmp/demo.bin" |
    sed -n 's/.*"data":"\([0-9a-f]*\)".*/\1/p' | tr -d '\n')
want=$(od -An -tx1 "$here/demo.in" | tr -d ' \n')
if [ -n "$data" ] && [ "${want#"$data"}" != "$want" ]; then
	pass "demo: its async-char-read events hold the start of demo.in"
	# The same log with the first byte read changed: rrdiff names it.
	off=$("$B/rrdump" -j -k async-char-read "$tmp/demo.bin" |
	    sed -n '1s/.*"offset":\([0-9]*\).*/\1/p')
	cp "$tmp/demo.bin" "$tmp/demo2.bin"
	printf 'Z' | dd of="$tmp/demo2.bin" bs=1 seek=$((off + 6)) \
	    conv=notrunc 2>/dev/null
	"$B/rrdiff" "$tmp/demo.bin" "$tmp/demo2.bin" >"$tmp/d.out" 2>&1
	st=$?
	[ "$st" = 1 ] && grep -q '^ +[0-9]* [0-9]* async-char-read .*"Z"' \
	    "$tmp/d.out" &&
	    pass "rrdiff demo demo': the changed input byte is the cause" ||
	    fail "rrdiff demo demo': exit $st: $(cat "$tmp/d.out")"
else
	fail "demo: async-char-read data '$data' is not a start of demo.in"
fi

# Text, JSON and a pipe agree on the events.
f=$tmp/clock.bin
"$B/rrdump" "$f" >"$tmp/a.txt"
"$B/rrdump" - <"$f" >"$tmp/b.txt"
cat "$f" | "$B/rrdump" >"$tmp/c.txt"
nj=$("$B/rrdump" -j "$f" | grep -c '^{"type":"qemu_event",')
if cmp -s "$tmp/a.txt" "$tmp/b.txt" && cmp -s "$tmp/a.txt" "$tmp/c.txt" &&
    [ "$nj" = "$(wc -l <"$tmp/a.txt" | tr -d ' ')" ]; then
	pass "clock: file, stdin and pipe dumps agree; $nj JSON records"
else
	fail "clock: dumps of file, stdin, pipe or JSON differ"
fi

# verdict FILE WANT_STATUS WANT_TEXT NAME
verdict() {
	"$B/rrverify" "$1" >"$tmp/v.out" 2>"$tmp/v.err"
	st=$?
	if [ "$st" != "$2" ] || ! grep -q "$3" "$tmp/v.out" "$tmp/v.err"; then
		fail "$4: rrverify exit $st, want $2 and \"$3\""
		sed 's/^/	/' "$tmp/v.out" "$tmp/v.err"
	elif ! grep -q ': offset [0-9]*: ' "$tmp/v.err"; then
		fail "$4: no offset in the message"
		sed 's/^/	/' "$tmp/v.err"
	else
		pass "$4: $(head -n 1 "$tmp/v.out" | sed 's/^[^:]*: //')"
	fi
}

size=$(wc -c <"$f" | tr -d ' ')
head -c $((size / 2)) "$f" >"$tmp/half.bin"
verdict "$tmp/half.bin" 1 'truncated' "clock cut in half"
head -c $((size - 1)) "$f" >"$tmp/end.bin"
verdict "$tmp/end.bin" 1 'without EVENT_END' "clock without its last byte"
{ head -c 12 /dev/zero; tail -c +13 "$f"; } >"$tmp/nohdr.bin"
verdict "$tmp/nohdr.bin" 1 'header is missing' "clock with a zero header"
{ head -c 12 "$f"; printf '\050'; } >"$tmp/kind.bin"
verdict "$tmp/kind.bin" 1 'unknown event kind 40' "an unknown kind"
{ printf '\000\340\040\013'; tail -c +5 "$f"; } >"$tmp/v0b.bin"
"$B/rrverify" "$tmp/v0b.bin" >/dev/null 2>"$tmp/v.err"
st=$?
[ "$st" = 2 ] && grep -q 'version 0xe0200b not supported' "$tmp/v.err" &&
    pass "version 0xe0200b: unsupported, exit 2" ||
    fail "version 0xe0200b: exit $st: $(cat "$tmp/v.err")"

# A QEMU killed with SIGKILL never writes its header: rtcbench writes
# 14 MB of events; it is killed once the log has 64 KiB.
# shellcheck disable=SC2086
$QEMU $QEMU_ARGS -icount "shift=0,rr=record,rrfile=$tmp/killed.bin" \
    -kernel "$B/guests/rtcbench.elf" </dev/null >/dev/null 2>&1 &
qpid=$!
i=0
while [ "$( { wc -c <"$tmp/killed.bin"; } 2>/dev/null || echo 0)" -lt 65536 ] &&
    [ "$i" -lt $((TIMEOUT * 20)) ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -KILL "$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null
if [ -s "$tmp/killed.bin" ]; then
	verdict "$tmp/killed.bin" 1 'QEMU writes it last' "QEMU killed"
else
	fail "QEMU killed: no log written"
fi

# Flipped bytes: a verdict every time, never a crash or trouble.
bad=0
i=12
while [ "$i" -lt "$size" ]; do
	cp "$f" "$tmp/flip.bin"
	printf '\377' | dd of="$tmp/flip.bin" bs=1 seek="$i" conv=notrunc \
	    2>/dev/null
	"$B/rrverify" -q "$tmp/flip.bin" 2>/dev/null
	st=$?
	[ "$st" -le 1 ] || { bad=$((bad + 1)); echo "	flip at $i: exit $st"; }
	"$B/rrdump" "$tmp/flip.bin" >/dev/null 2>&1
	[ $? -le 1 ] || { bad=$((bad + 1)); echo "	flip at $i: rrdump"; }
	i=$((i + size / 97 + 1))
done
[ "$bad" = 0 ] && pass "flips: a verdict for every one" ||
    fail "flips: $bad runs crashed or failed"

# Tools that do not apply refuse, exit 2.
for t in "rrcut -e 0-5 -o $tmp/x.rr $f" "rrmerge -o $tmp/x.rr $f $f" \
    "rrdiff --exact $f $f" "rrverify --replay $f" "rrdump -b $f"; do
	# shellcheck disable=SC2086
	"$B"/$t >/dev/null 2>"$tmp/r.err"
	st=$?
	if [ "$st" = 2 ] && grep -q 'QEMU replay log' "$tmp/r.err"; then
		pass "${t%% *}: refused, exit 2"
	else
		fail "${t%% *}: exit $st: $(cat "$tmp/r.err")"
	fi
done

echo "qemu-replay: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
