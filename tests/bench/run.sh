#!/bin/sh
# make bench: fixed workloads, each timed best of $REPS, with ratios
# against a reference run in the same invocation (rremu run for the
# emulator; QEMU -icount shift=0 for the side-by-side).  Not a test: it
# prints figures and the targets they are read against.  Every command
# timed or measured must succeed: a failed run aborts the benchmark with
# what failed (runstat says how), since its time would mean nothing.
set -u
B=${B:-build}
REPS=${REPS:-3}
NEV=${NEV:-10000000}
UART_LINES=${UART_LINES:-20000}
T=$(mktemp -d "${TMPDIR:-/tmp}/rrbench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
RS=$B/bench_runstat
G=$B/guests

die() {
	echo "bench: $*" >&2
	echo "bench: aborted" >&2
	exit 1
}

# num NAME VALUE: VALUE must be a number (figures parsed from a tool)
num() {
	case $2 in
	''|*[!0-9]*) die "$1: not a number: '$2'" ;;
	esac
}

# best IN OUT cmd...: best wall time of REPS runs; sets SEC, USR (best
# user CPU time) and RSS (KiB); the command must exit with $WANT
# (default 0)
best() {
	_in=$1 _out=$2
	shift 2
	SEC= RSS= USR=
	_i=0
	while [ $_i -lt "$REPS" ]; do
		set -- "$@"
		_r=$(RUNSTAT_WANT=${WANT:-0} $RS "$_in" "$_out" "$@") ||
		    die "failed: $* (runstat: ${_r:-no figures})"
		_s=${_r%% *}
		_rest=${_r#* }
		_m=${_rest%% *}
		_rest=${_rest#* }
		_st=${_rest%% *}
		_u=${_rest#* }
		STATUS=$_st
		if [ -z "$SEC" ] || awk "BEGIN{exit !($_s < $SEC)}"; then
			SEC=$_s
		fi
		if [ -z "$USR" ] || awk "BEGIN{exit !($_u < $USR)}"; then
			USR=$_u
		fi
		if [ -z "$RSS" ] || [ "$_m" -gt "$RSS" ]; then RSS=$_m; fi
		_i=$((_i + 1))
	done
}

rate() { awk "BEGIN{printf \"%.1f\", $1 / $2 / 1e6}"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
mib() { awk "BEGIN{printf \"%.1f\", $1 / 1024}"; }

echo "== log: $NEV synthetic clock events (tests/bench/logbench.c, seed 0x5eed) =="
# logbench: prints "events bytes seconds"
logbench() {
	_o=$($B/bench_logbench "$T/log.rr" "$NEV") ||
	    die "failed: $B/bench_logbench $T/log.rr $NEV"
	set -- $_o
	[ $# = 3 ] || die "bench_logbench printed '$_o'"
	LSEC=$3
}
logbench
wsec=$LSEC
for i in 2 3; do
	logbench
	if awk "BEGIN{exit !($LSEC < $wsec)}"; then wsec=$LSEC; fi
done
fsize=$(wc -c < "$T/log.rr") || die "cannot measure $T/log.rr"
printf 'writer            %8s M events/s   %.3f bytes/event (file %d bytes; target <= 1, QEMU 14)\n' \
    "$(rate "$NEV" "$wsec")" "$(awk "BEGIN{print $fsize / $NEV}")" "$fsize"
best - /dev/null $B/rrdump --stats "$T/log.rr"
printf 'rrdump --stats    %8s M events/s   peak RSS %s MiB (target >= 50 M/s, < 32 MiB)\n' \
    "$(rate "$NEV" "$SEC")" "$(mib "$RSS")"
best - /dev/null $B/rrdump "$T/log.rr"
printf 'rrdump (text)     %8s M lines/s    peak RSS %s MiB (target >= 10 M/s)\n' \
    "$(rate "$NEV" "$SEC")" "$(mib "$RSS")"
REPS=1 best - /dev/null $B/rrdump --json "$T/log.rr"
printf 'rrdump --json     %8s M lines/s    peak RSS %s MiB\n' \
    "$(rate "$NEV" "$SEC")" "$(mib "$RSS")"

# rrverify and rrdiff: a recording-sized log with checkpoints and
# keyframes at rremu's intervals, and a copy whose last 1% differs.
VNEV=${VNEV:-50000000}
CKPT=${CKPT:-10000000}
KEY=${KEY:-100000000}
echo
echo "== rrverify, rrdiff: $VNEV clock events, a checkpoint every $CKPT and a keyframe every $KEY instructions (logbench -c $CKPT -k $KEY, seed 0x5eed) =="
$B/bench_logbench -c "$CKPT" -k "$KEY" "$T/v.rr" "$VNEV" >/dev/null
$B/bench_logbench -c "$CKPT" -k "$KEY" -d 1 "$T/late.rr" "$VNEV" >/dev/null
cp "$T/v.rr" "$T/same.rr"
echo "targets: rrverify <= 1.3x rrdump --stats; rrdiff identical <= 1.5x cmp, late <= 2x cmp; RSS < 32 MiB"
best - /dev/null $B/rrdump --stats "$T/v.rr"
st_s=$SEC st_m=$RSS
best - /dev/null $B/rrverify "$T/v.rr"
printf 'rrverify          %.3fs  rrdump --stats %.3fs  ratio %s   peak RSS %s vs %s MiB (exit %s)\n' \
    "$SEC" "$st_s" "$(ratio "$SEC" "$st_s")" "$(mib "$RSS")" "$(mib "$st_m")" "$STATUS"
best - /dev/null cmp "$T/v.rr" "$T/same.rr"
c_s=$SEC c_m=$RSS
best - /dev/null $B/rrdiff "$T/v.rr" "$T/same.rr"
printf 'rrdiff identical  %.3fs  cmp %.3fs  ratio %s   peak RSS %s vs %s MiB (exit %s)\n' \
    "$SEC" "$c_s" "$(ratio "$SEC" "$c_s")" "$(mib "$RSS")" "$(mib "$c_m")" "$STATUS"
WANT=1 best - /dev/null cmp "$T/v.rr" "$T/late.rr"
c_s=$SEC c_m=$RSS
WANT=1 best - /dev/null $B/rrdiff "$T/v.rr" "$T/late.rr"
printf 'rrdiff late 1%%    %.3fs  cmp %.3fs  ratio %s   peak RSS %s vs %s MiB (exit %s)\n' \
    "$SEC" "$c_s" "$(ratio "$SEC" "$c_s")" "$(mib "$RSS")" "$(mib "$c_m")" "$STATUS"
rm -f "$T/v.rr" "$T/same.rr" "$T/late.rr"

# rrdiff with one early input changed: the clock read at event 1000 of
# a 10M-event log, one ns apart.  By default rrdiff stops at the cause's
# effect (the next checkpoint); -a reads both logs to the end, counting
# the consequences.  Against rrdump --stats of both logs, one after the
# other.
ENEV=${ENEV:-10000000}
echo
echo "== rrdiff, one early input change: $ENEV clock events, a checkpoint every $CKPT and a keyframe every $KEY instructions, clock read 1000 one ns apart (logbench -e 1000) =="
$B/bench_logbench -c "$CKPT" -k "$KEY" "$T/e.rr" "$ENEV" >/dev/null ||
    die "failed: bench_logbench $T/e.rr"
$B/bench_logbench -c "$CKPT" -k "$KEY" -e 1000 "$T/e1.rr" "$ENEV" \
    >/dev/null || die "failed: bench_logbench -e 1000 $T/e1.rr"
echo "targets: rrdiff <= 2x rrdump --stats of both; RSS < 32 MiB"
best - /dev/null $B/rrdump --stats "$T/e.rr"
s1=$SEC m1=$RSS
best - /dev/null $B/rrdump --stats "$T/e1.rr"
s2=$SEC
both=$(awk "BEGIN{print $s1 + $s2}")
WANT=1 best - /dev/null $B/rrdiff "$T/e.rr" "$T/e1.rr"
printf 'rrdiff early      %.3fs  rrdump --stats of both %.3fs  ratio %s   peak RSS %s vs %s MiB (exit %s)\n' \
    "$SEC" "$both" "$(ratio "$SEC" "$both")" "$(mib "$RSS")" "$(mib "$m1")" "$STATUS"
WANT=1 best - /dev/null $B/rrdiff -a "$T/e.rr" "$T/e1.rr"
printf 'rrdiff -a early   %.3fs  rrdump --stats of both %.3fs  ratio %s   peak RSS %s vs %s MiB (exit %s)\n' \
    "$SEC" "$both" "$(ratio "$SEC" "$both")" "$(mib "$RSS")" "$(mib "$m1")" "$STATUS"
rm -f "$T/e.rr" "$T/e1.rr"


sh tests/guests/uartbench-input.sh "$UART_LINES" > "$T/uart.in" ||
    die "failed: sh tests/guests/uartbench-input.sh $UART_LINES"

# stats LOG: ICOUNT, EVENTS, CLOCKS (clock events) and SIZE of a log
stats() {
	$B/rrdump --json --header --stats "$1" >"$T/stats.json" ||
	    die "failed: $B/rrdump --json --header --stats $1"
	ICOUNT=$(sed -n 's/.*"icount_last": *\([0-9]*\).*/\1/p' "$T/stats.json")
	EVENTS=$(sed -n 's/.*"type":"stats","events": *\([0-9]*\).*/\1/p' \
	    "$T/stats.json")
	CLOCKS=$(sed -n 's/.*"kinds":{[^}]*"clock": *\([0-9]*\).*/\1/p' \
	    "$T/stats.json")
	SIZE=$(wc -c < "$1") || die "cannot measure $1"
	num "$1: icount_last" "$ICOUNT"
	num "$1: events" "$EVENTS"
	num "$1: file size" "$SIZE"
	[ -n "$CLOCKS" ] || CLOCKS=0
}

# emu NAME INPUT: run, record, replay under rremu
emu() {
	_g=$1 _in=$2
	best "$_in" /dev/null $B/rremu run -q "$G/$_g.elf"
	run_s=$SEC
	best "$_in" /dev/null $B/rremu record -q -o "$T/$_g.rr" "$G/$_g.elf"
	rec_s=$SEC
	best - /dev/null $B/rremu replay -q "$T/$_g.rr"
	rep_s=$SEC
	rep_st=$STATUS
	stats "$T/$_g.rr"
	ic=$ICOUNT ev=$EVENTS sz=$SIZE
	printf '%-9s %6s Minsn  run %7s  record %7s  replay %7s MIPS\n' \
	    "$_g" "$(awk "BEGIN{printf \"%.0f\", $ic / 1e6}")" \
	    "$(rate "$ic" "$run_s")" "$(rate "$ic" "$rec_s")" \
	    "$(rate "$ic" "$rep_s")"
	printf '          record/run %s   replay/record %s   log %d bytes, %s events, %s bytes/event (replay exit %s)\n' \
	    "$(ratio "$rec_s" "$run_s")" "$(ratio "$rep_s" "$rec_s")" "$sz" \
	    "$ev" "$(awk "BEGIN{printf \"%.3f\", $sz / $ev}")" "$rep_st"
	if [ "$_g" = rtcbench ]; then
		[ "$CLOCKS" -gt 0 ] || die "$T/$_g.rr: no clock events"
		rremu_per_read=$(awk "BEGIN{printf \"%.3f\", $sz / $CLOCKS}")
		printf '          log %s bytes per RTC read (%s clock events)\n' \
		    "$rremu_per_read" "$CLOCKS"
	fi
}

echo
echo "== rremu (best of $REPS; 128 MiB RAM, shift 0) =="
echo "targets: compute record >= 300 MIPS and record/run <= 1.05; RTC record/run <= 1.3;"
echo "         replay >= 0.9x record speed (replay/record time <= 1.11); <= 1 byte per RTC event"
emu compute -
# 50 ms runs: more of them, so the best is the machine's, not the noise's
REPS=$((REPS * 4)) emu rtcbench -
emu uartbench "$T/uart.in"

# The C extension: the same workload built for rv32im and rv32imac (the
# guests-c build); and, with OLD_RREMU set to an rremu built before
# this one, the rv32im build under both in this run, alternating, so
# the machine's load weighs on both alike.
echo
echo "== the C extension: compute built for rv32im and for rv32imac (guests-c) =="
cp "$T/compute.rr" "$T/compute-im.rr"
G=$B/guests-c
emu compute -
G=$B/guests
mv "$T/compute-im.rr" "$T/compute.rr"
if [ -n "${OLD_RREMU:-}" ]; then
	echo "target: rv32im under this rremu within 3% of OLD_RREMU=$OLD_RREMU"
	stats "$T/compute.rr"
	ic=$ICOUNT
	new_s= old_s= new_u= old_u=
	_k=0
	while [ $_k -lt "$REPS" ]; do
		REPS=1 best - /dev/null $B/rremu run -q "$G/compute.elf"
		if [ -z "$new_s" ] || awk "BEGIN{exit !($SEC < $new_s)}"; then
			new_s=$SEC
		fi
		if [ -z "$new_u" ] || awk "BEGIN{exit !($USR < $new_u)}"; then
			new_u=$USR
		fi
		REPS=1 best - /dev/null "$OLD_RREMU" run -q "$G/compute.elf"
		if [ -z "$old_s" ] || awk "BEGIN{exit !($SEC < $old_s)}"; then
			old_s=$SEC
		fi
		if [ -z "$old_u" ] || awk "BEGIN{exit !($USR < $old_u)}"; then
			old_u=$USR
		fi
		_k=$((_k + 1))
	done
	printf 'compute rv32im  run %7s MIPS, OLD_RREMU %7s MIPS: time ratio %s (target <= 1.03)\n' \
	    "$(rate "$ic" "$new_s")" "$(rate "$ic" "$old_s")" \
	    "$(ratio "$new_s" "$old_s")"
	printf '                user CPU %.3fs, OLD_RREMU %.3fs: ratio %s (less disturbed by a busy machine)\n' \
	    "$new_u" "$old_u" "$(ratio "$new_u" "$old_u")"
fi

echo
# Sv32: the same work in U-mode under paging and in M-mode with paging
# off (guests/vmbench.c, its halves run alone), and the U-mode half
# under QEMU.
VM_ROUNDS=${VM_ROUNDS:-400}
echo "== Sv32: vmbench, $VM_ROUNDS rounds over 256 pages, U-mode under Sv32 against M-mode with paging off =="
. tests/guests/patchword.sh
for md in 1 2; do
	cp "$G/vmbench.elf" "$T/vm$md.elf" || die "cannot copy vmbench.elf"
	patch_word "$T/vm$md.elf" vm_rounds "$VM_ROUNDS" &&
	    patch_word "$T/vm$md.elf" vm_mode "$md" ||
	    die "cannot patch $T/vm$md.elf"
done
$B/rremu record -q -o "$T/vm2.rr" "$T/vm2.elf" >/dev/null ||
    die "failed: $B/rremu record $T/vm2.elf"
stats "$T/vm2.rr"
vic=$ICOUNT
best - /dev/null $B/rremu run -q "$T/vm1.elf"
vm_m=$SEC
best - /dev/null $B/rremu run -q "$T/vm2.elf"
vm_u=$SEC
printf 'vmbench U Sv32 %7s MIPS, M paging off %7s MIPS: time ratio U/M %s (the M half counted as the U one, %s instructions)\n' \
    "$(rate "$vic" "$vm_u")" "$(rate "$vic" "$vm_m")" \
    "$(ratio "$vm_u" "$vm_m")" "$vic"
if command -v qemu-system-riscv32 >/dev/null; then
	best - /dev/null qemu-system-riscv32 -M virt -bios none -nographic \
	    -monitor none -serial stdio -icount shift=0 -kernel "$T/vm2.elf"
	printf '               QEMU -icount shift=0 %.3fs, rremu %.3fs: rremu/qemu time %s\n' \
	    "$SEC" "$vm_u" "$(ratio "$vm_u" "$SEC")"
fi
echo

echo "== rremu --gdb: going backwards in the compute replay (tests/bench/gdbbench.c) =="
echo "target: a reverse-stepi costs at most one snapshot interval of replay"
$B/bench_gdbbench "$T/compute.rr" || die "failed: $B/bench_gdbbench $T/compute.rr"

echo
echo "== rremu --gdb: a guest that rewrites 64 MiB of its 128 MiB (memwalk \"64 10\") =="
echo "targets: reverse-stepi median < 5 ms, worst < 50 ms; goto < 1 s; peak RSS < 256 MiB"
printf '64 10\n' >"$T/memwalk.in"
$B/rremu record -q --input "$T/memwalk.in" -o "$T/memwalk.rr" \
    "$G/memwalk.elf" >/dev/null || die "failed: rremu record memwalk"
_small=$(nm "$G/memwalk.elf" | sed -n 's/^\([0-9a-f]*\) T mark_small$/\1/p')
_big=$(nm "$G/memwalk.elf" | sed -n 's/^\([0-9a-f]*\) T mark_big$/\1/p')
[ -n "$_small" ] && [ -n "$_big" ] || die "memwalk.elf: no mark_small, mark_big"
$B/bench_gdbbench "$T/memwalk.rr" "$_small" "$_big" ||
    die "failed: $B/bench_gdbbench $T/memwalk.rr"

echo
echo "== rremu --gdb against QEMU's reverse debugging: reverse-stepi in compute, both under gdb (tests/bench/qemurev.sh) =="
B=$B sh tests/bench/qemurev.sh || die "failed: sh tests/bench/qemurev.sh"

command -v qemu-system-riscv32 >/dev/null ||
    die "qemu-system-riscv32 missing: no side-by-side (make deps)"
Q="qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio"
echo
echo "== QEMU reference: same ELF, -icount shift=0, with and without rr=record =="
# qemu NAME: run and record; the RTC guest is replayed too
qemu() {
	_g=$1
	best - /dev/null $Q -icount shift=0 -kernel "$G/$_g.elf"
	qrun=$SEC
	best - "$T/q-$_g.out" $Q -icount shift=0,rr=record,rrfile="$T/q-$_g.bin" \
	    -kernel "$G/$_g.elf"
	qrec=$SEC
	printf '%-9s qemu run %.3fs record %.3fs  record/run %s' "$_g" "$qrun" \
	    "$qrec" "$(ratio "$qrec" "$qrun")"
	if [ "$_g" = rtcbench ]; then
		REPS=1 best - /dev/null $Q \
		    -icount shift=0,rr=replay,rrfile="$T/q-$_g.bin" \
		    -kernel "$G/$_g.elf"
		# QEMU's log does not say how many events it holds, and
		# its format changes between versions; count what the guest
		# did instead: its RTC reads, as it reports them.
		qreads=$(sed -n 's/^rtcbench: \([0-9]*\) reads,.*/\1/p' \
		    "$T/q-$_g.out")
		num "QEMU rtcbench: RTC reads" "$qreads"
		[ "$qreads" -gt 0 ] || die "QEMU rtcbench: no RTC reads"
		qsz=$(wc -c < "$T/q-$_g.bin") || die "cannot measure $T/q-$_g.bin"
		printf '  replay %.3fs replay/record %s\n' \
		    "$SEC" "$(ratio "$SEC" "$qrec")"
		printf '          log %s bytes, %s bytes per RTC read (%s reads, as the guest counted them; rremu %s)' \
		    "$qsz" "$(awk "BEGIN{printf \"%.1f\", $qsz / $qreads}")" \
		    "$qreads" "$rremu_per_read"
	fi
	echo
	best - /dev/null $B/rremu record -q -o "$T/$_g.rr" "$G/$_g.elf"
	printf '          rremu record %.3fs: rremu/qemu record time %s\n' \
	    "$SEC" "$(ratio "$SEC" "$qrec")"
}
qemu compute
qemu rtcbench
