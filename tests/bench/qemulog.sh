#!/bin/sh
# The QEMU replay log part of make bench (issue 18): QEMU 7.2 records
# rtcbench (a million RTC reads: 2,000,000 events, instruction and
# host-clock pairs); its body is laid end to end QREP times (5: 10M
# events, a valid stream whose icount keeps growing) after the header
# and closed with the shutdown and end events QEMU wrote.  Timed, best
# of REPS: rrdump --stats, the text dump to /dev/null, rrverify; events
# a second and peak RSS (target: < 32 MiB).  With REPLAY_DUMP set to a
# copy of QEMU's scripts/replay-dump.py (kept outside this repository),
# it is timed once on the same file, and the ratio printed (goal >= 100x).
set -u
B=${B:-build}
REPS=${REPS:-3}
QREP=${QREP:-5}
QEMU=${QEMU:-qemu-system-riscv32}
REPLAY_DUMP=${REPLAY_DUMP:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/rrqbench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
RS=$B/bench_runstat

die() {
	echo "bench: $*" >&2
	exit 1
}

. tests/bench/lib.sh
rate() { awk "BEGIN{printf \"%.1f\", $1 / $2 / 1e6}"; }

echo "== QEMU replay log: rtcbench recorded by QEMU, body x$QREP =="
$QEMU -M virt -bios none -nographic -monitor none -serial stdio \
    -icount "shift=0,rr=record,rrfile=$T/one.bin" \
    -kernel "$B/guests/rtcbench.elf" </dev/null >/dev/null 2>&1 ||
    die "qemu could not record rtcbench"
size=$(wc -c <"$T/one.bin")
# The body: after the 12-byte header, before shutdown and end (2 bytes).
head -c "$((size - 2))" "$T/one.bin" | tail -c +13 >"$T/body"
{
	head -c 12 "$T/one.bin"
	i=0
	while [ $i -lt "$QREP" ]; do cat "$T/body"; i=$((i + 1)); done
	tail -c 2 "$T/one.bin"
} >"$T/q.bin"
nev=$("$B/rrdump" -s "$T/q.bin" | sed -n 's/^events = //p')
[ -n "$nev" ] || die "rrdump -s: no event count"
echo "log: $nev events, $(wc -c <"$T/q.bin") bytes"
best "$B/rrdump" -s "$T/q.bin"
echo "rrdump --stats: $(rate "$nev" "$SEC") M events/s ($SEC s)," \
    "peak RSS $(mib "$RSS") MiB"
best "$B/rrdump" "$T/q.bin"
text=$SEC
echo "rrdump (text):  $(rate "$nev" "$SEC") M events/s ($SEC s)," \
    "peak RSS $(mib "$RSS") MiB"
best "$B/rrverify" "$T/q.bin"
echo "rrverify:       $(rate "$nev" "$SEC") M events/s ($SEC s)," \
    "peak RSS $(mib "$RSS") MiB"
if [ -n "$REPLAY_DUMP" ]; then
	_r=$($RS - /dev/null python3 "$REPLAY_DUMP" -f "$T/q.bin") ||
	    die "failed: python3 $REPLAY_DUMP"
	py=${_r%% *}
	echo "replay-dump.py: $(rate "$nev" "$py") M events/s ($py s);" \
	    "rrdump text is $(awk "BEGIN{printf \"%.0f\", $py / $text}")x" \
	    "faster (goal >= 100x)"
else
	echo "replay-dump.py: not timed (set REPLAY_DUMP to a copy of it)"
fi
