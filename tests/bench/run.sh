#!/bin/sh
# make bench: fixed workloads, each timed best of $REPS, with ratios
# against a reference run in the same invocation (rremu run for the
# emulator; QEMU -icount shift=0 for the side-by-side).  Not a test: it
# prints figures and the targets they are read against.
set -u
B=${B:-build}
REPS=${REPS:-3}
NEV=${NEV:-10000000}
UART_LINES=${UART_LINES:-20000}
T=$(mktemp -d "${TMPDIR:-/tmp}/rrbench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
RS=$B/bench_runstat
G=$B/guests

# best IN OUT cmd...: best wall time of REPS runs; sets SEC and RSS (KiB)
best() {
	_in=$1 _out=$2
	shift 2
	SEC= RSS=
	_i=0
	while [ $_i -lt "$REPS" ]; do
		set -- "$@"
		_r=$($RS "$_in" "$_out" "$@") || return 1
		_s=${_r%% *}
		_rest=${_r#* }
		_m=${_rest%% *}
		_st=${_rest#* }
		STATUS=$_st
		if [ -z "$SEC" ] || awk "BEGIN{exit !($_s < $SEC)}"; then
			SEC=$_s
		fi
		if [ -z "$RSS" ] || [ "$_m" -gt "$RSS" ]; then RSS=$_m; fi
		_i=$((_i + 1))
	done
}

rate() { awk "BEGIN{printf \"%.1f\", $1 / $2 / 1e6}"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
mib() { awk "BEGIN{printf \"%.1f\", $1 / 1024}"; }

echo "== log: $NEV synthetic clock events (tests/bench/logbench.c, seed 0x5eed) =="
set -- $($B/bench_logbench "$T/log.rr" "$NEV")
wsec=$3
for i in 2 3; do
	set -- $($B/bench_logbench "$T/log.rr" "$NEV")
	if awk "BEGIN{exit !($3 < $wsec)}"; then wsec=$3; fi
done
fsize=$(wc -c < "$T/log.rr")
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

sh tests/guests/uartbench-input.sh "$UART_LINES" > "$T/uart.in"

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
	ic=$($B/rrdump --json --header --stats "$T/$_g.rr" |
	    sed -n 's/.*"icount_last": *\([0-9]*\).*/\1/p')
	ev=$($B/rrdump --json --stats "$T/$_g.rr" |
	    sed -n 's/.*"events": *\([0-9]*\).*/\1/p')
	sz=$(wc -c < "$T/$_g.rr")
	printf '%-9s %6s Minsn  run %7s  record %7s  replay %7s MIPS\n' \
	    "$_g" "$(awk "BEGIN{printf \"%.0f\", $ic / 1e6}")" \
	    "$(rate "$ic" "$run_s")" "$(rate "$ic" "$rec_s")" \
	    "$(rate "$ic" "$rep_s")"
	printf '          record/run %s   replay/record %s   log %d bytes, %s events, %s bytes/event (replay exit %s)\n' \
	    "$(ratio "$rec_s" "$run_s")" "$(ratio "$rep_s" "$rec_s")" "$sz" \
	    "$ev" "$(awk "BEGIN{printf \"%.3f\", $sz / $ev}")" "$rep_st"
}

echo
echo "== rremu (best of $REPS; 128 MiB RAM, shift 0) =="
echo "targets: compute record >= 300 MIPS and record/run <= 1.05; RTC record/run <= 1.3;"
echo "         replay >= 0.9x record speed (replay/record time <= 1.11); <= 1 byte per RTC event"
emu compute -
# 50 ms runs: more of them, so the best is the machine's, not the noise's
REPS=$((REPS * 4)) emu rtcbench -
emu uartbench "$T/uart.in"

echo
echo "== rremu --gdb: going backwards in the compute replay (tests/bench/gdbbench.c) =="
echo "target: a reverse-stepi costs at most one snapshot interval of replay"
$B/bench_gdbbench "$T/compute.rr"

if ! command -v qemu-system-riscv32 >/dev/null; then
	echo "qemu-system-riscv32 missing: no side-by-side (make deps)"
	exit 0
fi
Q="qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio"
echo
echo "== QEMU reference: same ELF, -icount shift=0, with and without rr=record =="
# qemu NAME: run and record; the RTC guest is replayed too
qemu() {
	_g=$1
	best - /dev/null $Q -icount shift=0 -kernel "$G/$_g.elf"
	qrun=$SEC
	best - /dev/null $Q -icount shift=0,rr=record,rrfile="$T/q-$_g.bin" \
	    -kernel "$G/$_g.elf"
	qrec=$SEC
	printf '%-9s qemu run %.3fs record %.3fs  record/run %s' "$_g" "$qrun" \
	    "$qrec" "$(ratio "$qrec" "$qrun")"
	if [ "$_g" = rtcbench ]; then
		REPS=1 best - /dev/null $Q \
		    -icount shift=0,rr=replay,rrfile="$T/q-$_g.bin" \
		    -kernel "$G/$_g.elf"
		printf '  replay %.3fs replay/record %s  log %s bytes/event' \
		    "$SEC" "$(ratio "$SEC" "$qrec")" \
		    "$(awk "BEGIN{printf \"%.1f\", $(wc -c < "$T/q-$_g.bin") / 1000000}")"
	fi
	echo
	best - /dev/null $B/rremu record -q -o "$T/$_g.rr" "$G/$_g.elf"
	printf '          rremu record %.3fs: rremu/qemu record time %s\n' \
	    "$SEC" "$(ratio "$SEC" "$qrec")"
}
qemu compute
qemu rtcbench
