#!/bin/sh
# qemurev.sh: reverse-stepi under QEMU's reverse debugging and under
# rremu replay --gdb, on the same ELF in the same run, with the ratio.
#
# The guest is compute (a copy with compute_rounds patched to $ROUNDS,
# default 8000: about 1.1e9 instructions); it reads no UART input, which
# QEMU's record mode would lose.  Both emulators record it (QEMU with
# -icount shift=0,rr=record and an "init" snapshot in a qcow2 drive, which
# its reverse debugging needs), then replay it under gdb-multiarch.  gdb's
# Python goes forward to $NPOINTS calls of memset (once a round, spread
# over the run), and at each: stepi, reverse-stepi (back to where it was),
# reverse-stepi again (one further back), stepi; both reverse-stepi are
# timed.  Every step is checked: the pc and the icount (QEMU's
# "info replay", rremu's "monitor icount", whose state hash must match
# too) are where the forward run had them, and both emulators stop at the
# same pcs at the same calls.  Any failure, exit status or mismatch ends
# the script with status 1 and what went wrong.  QEMU goes back by
# loading its snapshot at the start and replaying to the instruction
# before, so its time grows with the icount; the table shows that.
#
# Environment: B (build folder, default build), ROUNDS, NPOINTS (default
# 8), TIMEOUT (seconds per command, default 300), GDB (gdb-multiarch),
# QEMU (qemu-system-riscv32).
set -u
B=${B:-build}
GDB=${GDB:-gdb-multiarch}
QEMU=${QEMU:-qemu-system-riscv32}
ROUNDS=${ROUNDS:-8000}
NPOINTS=${NPOINTS:-8}
TIMEOUT=${TIMEOUT:-300}
E=$B/rremu
T=$(mktemp -d "${TMPDIR:-/tmp}/rrqrev.XXXXXX") || exit 2
qpid=
rpid=
trap 'kill $qpid $rpid 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM

die() {
	echo "qemurev: $*" >&2
	echo "qemurev: aborted" >&2
	exit 1
}

# show FILE: the end of a file, indented, on stderr
show() {
	sed 's/^/	/' "$1" | tail -n 20 >&2
}

for v in "ROUNDS=$ROUNDS" "NPOINTS=$NPOINTS" "TIMEOUT=$TIMEOUT"; do
	case ${v#*=} in
	''|*[!0-9]*|0) die "${v%%=*}: not a positive number: '${v#*=}'" ;;
	esac
done
[ "$NPOINTS" -le "$ROUNDS" ] || die "NPOINTS $NPOINTS > ROUNDS $ROUNDS"
command -v qemu-img >/dev/null ||
    die "qemu-img missing: QEMU keeps its replay snapshots in a qcow2 drive (make deps installs qemu-utils)"
command -v "$QEMU" >/dev/null ||
    die "$QEMU missing (make deps installs qemu-system-misc)"
command -v "$GDB" >/dev/null ||
    die "$GDB missing (make deps installs gdb-multiarch)"
for t in riscv64-unknown-elf-nm riscv64-unknown-elf-readelf; do
	command -v $t >/dev/null ||
	    die "$t missing (make deps installs gcc-riscv64-unknown-elf)"
done
[ -x "$E" ] || die "$E not built (make B=$B all)"
[ -f "$B/guests/compute.elf" ] || die "$B/guests/compute.elf not built"

# patch_word ELF SYMBOL VALUE
# shellcheck source=tests/guests/patchword.sh
. "$(dirname "$0")/../guests/patchword.sh"

ELF=$T/compute.elf
cp "$B/guests/compute.elf" "$ELF" || die "cannot copy compute.elf"
patch_word "$ELF" compute_rounds "$ROUNDS" ||
    die "$ELF: cannot patch compute_rounds"
MEMSET=$(riscv64-unknown-elf-nm "$ELF" | awk '$3 == "memset" { print $1 }')
[ -n "$MEMSET" ] || die "$ELF: no memset"

# The points: calls of memset (one a round) spread over the run, the
# last one the last round's.
POINTS=
i=1
while [ $i -le "$NPOINTS" ]; do
	POINTS="$POINTS $((ROUNDS * i / NPOINTS))"
	i=$((i + 1))
done

# ---- record under both ----
qemu-img create -f qcow2 "$T/rr.qcow2" 1M >"$T/img.out" 2>&1 ||
    { show "$T/img.out"; die "qemu-img create failed"; }
QARGS="-M virt -cpu rv32,zkr=true -bios none -nographic -monitor none"
QARGS="$QARGS -serial stdio -drive file=$T/rr.qcow2,if=none,id=rr"
QRR="rrfile=$T/q.bin,rrsnapshot=init"
# shellcheck disable=SC2086
timeout "$TIMEOUT" $QEMU $QARGS -icount shift=0,rr=record,$QRR \
    -kernel "$ELF" </dev/null >"$T/q-rec.out" 2>"$T/q-rec.err"
st=$?
[ $st = 0 ] || { show "$T/q-rec.err"; die "QEMU record: exit status $st"; }
timeout "$TIMEOUT" "$E" record -o "$T/r.rr" "$ELF" </dev/null \
    >"$T/r-rec.out" 2>"$T/r-rec.err"
st=$?
[ $st = 0 ] || { show "$T/r-rec.err"; die "rremu record: exit status $st"; }
grep -v '^~ ' "$T/q-rec.out" >"$T/q-rec.masked"
grep -v '^~ ' "$T/r-rec.out" >"$T/r-rec.masked"
grep -q '^compute: checksum ' "$T/q-rec.masked" ||
    { show "$T/q-rec.out"; die "QEMU record: no checksum printed"; }
cmp -s "$T/q-rec.masked" "$T/r-rec.masked" || {
	diff "$T/q-rec.masked" "$T/r-rec.masked" >&2
	die "QEMU and rremu printed different output"
}
"$B/rrdump" --json --header --stats "$T/r.rr" >"$T/hdr.json" ||
    die "failed: $B/rrdump --json --header --stats $T/r.rr"
ICOUNT=$(sed -n 's/.*"icount_last": *\([0-9]*\).*/\1/p' "$T/hdr.json")
case $ICOUNT in
''|*[!0-9]*) die "$T/r.rr: no icount_last in its stats" ;;
esac

# ---- the gdb side: one Python script for both ----
cat >"$T/drive.py" <<'EOF'
import gdb, os, time

side = os.environ["QREV_SIDE"]
memset = int(os.environ["QREV_MEMSET"], 16)
points = [int(p) for p in os.environ["QREV_POINTS"].split()]

def ex(cmd):
    return gdb.execute(cmd, to_string=True)

def pc():
    return int(gdb.parse_and_eval("$pc")) & 0xffffffff

# (icount, state): QEMU says "instruction count = N", rremu
# "icount N, event E, pc P, state H"
def where():
    if side == "qemu":
        s = ex("monitor info replay")
        k = s.find("instruction count = ")
        if k < 0:
            raise gdb.GdbError("monitor info replay said %r" % s)
        return (int(s[k + 20:].split()[0]), None)
    s = ex("monitor icount")
    f = s.replace(",", " ").split()
    if len(f) < 2 or f[0] != "icount" or "state" not in f:
        raise gdb.GdbError("monitor icount said %r" % s)
    return (int(f[1]), f[f.index("state") + 1])

def expect(what, got, want):
    if got != want:
        f = lambda v: "0x%08x" % v if isinstance(v, int) else repr(v)
        raise gdb.GdbError("%s: %s, expected %s" % (what, f(got), f(want)))

def timed(cmd):
    t = time.perf_counter()
    ex(cmd)
    return (time.perf_counter() - t) * 1000

try:
    ex("target remote " + os.environ["QREV_TARGET"])
    ex("break *0x%x" % memset)
    hit = 0
    for k in points:
        ex("enable 1")
        ex("ignore 1 %d" % (k - hit - 1))
        ex("continue")
        hit = k
        ex("disable 1")
        expect("call %d of memset: pc" % k, pc(), memset)
        pc0 = pc()
        w0 = where()
        ex("stepi")
        pc1 = pc()
        w1 = where()
        expect("call %d: stepi: icount" % k, w1[0], w0[0] + 1)
        ms1 = timed("reverse-stepi")
        expect("call %d: reverse-stepi: pc" % k, pc(), pc0)
        expect("call %d: reverse-stepi: icount, state" % k, where(), w0)
        ms2 = timed("reverse-stepi")
        pcb = pc()
        wb = where()
        expect("call %d: second reverse-stepi: icount" % k, wb[0],
            w0[0] - 1)
        ex("stepi")
        expect("call %d: stepi after reverse-stepi: pc" % k, pc(), pc0)
        expect("call %d: stepi after reverse-stepi: icount, state" % k,
            where(), w0)
        print("P %d %d 0x%08x 0x%08x 0x%08x %.3f %.3f" %
            (k, w0[0], pc0, pc1, pcb, ms1, ms2))
    ex("kill")
    print("qemurev: %s done" % side)
except Exception as e:
    print("qemurev: %s: %s" % (side, e))
    try:
        ex("kill")
    except Exception:
        pass
    gdb.execute("quit 1")
EOF

# session SIDE TARGET: gdb drives the replay listening on TARGET; gdb's
# output in $T/SIDE.gdb, its status in GST
session() {
	QREV_SIDE=$1 QREV_TARGET=$2 QREV_MEMSET=$MEMSET QREV_POINTS=$POINTS \
	    timeout "$TIMEOUT" "$GDB" -batch -nx \
	    -ex 'set architecture riscv:rv32' -ex 'set pagination off' \
	    -ex 'set confirm off' -ex "file $ELF" -x "$T/drive.py" \
	    </dev/null >"$T/$1.gdb" 2>&1
	GST=$?
}

# check SIDE: gdb exited 0 and the Python script got to its end
check() {
	if [ "$GST" != 0 ] || ! grep -q "^qemurev: $1 done" "$T/$1.gdb"; then
		show "$T/$1.gdb"
		[ "$GST" = 124 ] && die "$1: gdb timed out after ${TIMEOUT}s"
		die "$1: gdb session failed (exit status $GST)"
	fi
}

# listening TEST PID: wait until the shell test TEST holds (a socket is
# there, a line printed), at most 10 s and while PID runs
listening() {
	_i=0
	while ! eval "$1"; do
		_i=$((_i + 1))
		kill -0 "$2" 2>/dev/null && [ $_i -le 200 ] && { sleep 0.05; continue; }
		return 1
	done
}

# ---- QEMU replay with its gdb stub on a Unix socket ----
# shellcheck disable=SC2086
timeout "$TIMEOUT" $QEMU $QARGS -icount shift=0,rr=replay,$QRR \
    -gdb "unix:$T/q.sock,server=on,wait=off" -S -kernel "$ELF" \
    </dev/null >"$T/q-rep.out" 2>"$T/q-rep.err" &
qpid=$!
# shellcheck disable=SC2016
listening '[ -S "$T/q.sock" ]' $qpid ||
    { show "$T/q-rep.err"; die "QEMU replay: no gdb socket"; }
session qemu "$T/q.sock"
wait $qpid
st=$?
qpid=
[ $st = 124 ] && die "QEMU replay: timed out after ${TIMEOUT}s"
check qemu
[ $st = 0 ] || { show "$T/q-rep.err"; die "QEMU replay: exit status $st"; }

# ---- rremu replay --gdb, also on a Unix socket ----
timeout --preserve-status -s KILL "$TIMEOUT" "$E" replay --gdb "$T/r.sock" "$T/r.rr" \
    </dev/null >"$T/r-rep.out" 2>"$T/r-rep.err" &
rpid=$!
# shellcheck disable=SC2016
listening 'grep -q "waiting for gdb on" "$T/r-rep.err"' $rpid ||
    { show "$T/r-rep.err"; die "rremu replay --gdb: did not listen"; }
session rremu "$T/r.sock"
wait $rpid
st=$?
rpid=
# killed by timeout: 137 (rremu's own 124 is "did not finish")
[ $st = 137 ] && die "rremu replay --gdb: timed out after ${TIMEOUT}s"
check rremu
# killed by gdb before the guest's exit: 124, and it says where
if [ $st != 124 ] || ! grep -q 'stopped by gdb at icount' "$T/r-rep.err"
then
	show "$T/r-rep.err"
	die "rremu replay --gdb: exit status $st, expected 124 (stopped by gdb)"
fi

# ---- both stopped at the same places ----
grep '^P ' "$T/qemu.gdb" >"$T/q.p"
grep '^P ' "$T/rremu.gdb" >"$T/r.p"
[ "$(wc -l <"$T/q.p")" = "$NPOINTS" ] ||
    die "QEMU: $(wc -l <"$T/q.p") points measured, not $NPOINTS"
[ "$(wc -l <"$T/r.p")" = "$NPOINTS" ] ||
    die "rremu: $(wc -l <"$T/r.p") points measured, not $NPOINTS"
awk '{ print $2, $4, $5, $6 }' "$T/q.p" >"$T/q.pc"
awk '{ print $2, $4, $5, $6 }' "$T/r.p" >"$T/r.pc"
cmp -s "$T/q.pc" "$T/r.pc" || {
	echo "call pc pc-after-stepi pc-after-2-reverse-stepi: QEMU, rremu" >&2
	diff "$T/q.pc" "$T/r.pc" >&2
	die "QEMU and rremu stopped at different pcs"
}
# QEMU's count includes its reset vector at 0x1000: the same few more
# instructions at every point
paste -d ' ' "$T/q.p" "$T/r.p" >"$T/both"
OFF=$(awk '{ print $3 - $11 }' "$T/both" | sort -u)
case $OFF in
''|*[!0-9]*) die "QEMU's icount minus rremu's at the points: $OFF (not one number >= 0)" ;;
esac

# stats FILE: "median worst" of the reverse-stepi times (columns 7, 8)
stats() {
	awk '{ print $7; print $8 }' "$1" | sort -n | awk '
	{ v[NR] = $1 }
	END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f %.3f\n", m, v[NR]
	}'
}
# shellcheck disable=SC2046
set -- $(stats "$T/q.p") $(stats "$T/r.p")
[ $# = 4 ] || die "no figures"

printf 'compute, %d rounds: %d instructions (rremu; QEMU counts %d more, its reset vector)\n' \
    "$ROUNDS" "$ICOUNT" "$OFF"
echo "at a call of memset: stepi, then two reverse-stepi, each timed (ms):"
printf '%10s %12s %-23s %s\n' "memset" "icount" "   QEMU (1st, 2nd)" \
    "   rremu (1st, 2nd)"
awk '{ printf "%10d %12d %10.3f %10.3f   %10.3f %10.3f\n", \
    $2, $11, $7, $8, $15, $16 }' "$T/both"
printf 'QEMU  reverse-stepi: median %10.3f ms  worst %10.3f ms (%d steps)\n' \
    "$1" "$2" $((NPOINTS * 2))
printf 'rremu reverse-stepi: median %10.3f ms  worst %10.3f ms (%d steps)\n' \
    "$3" "$4" $((NPOINTS * 2))
awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" 'BEGIN {
	printf "QEMU/rremu: median %.1fx, worst %.1fx\n", \
	    (c > 0 ? a / c : 0), (d > 0 ? b / d : 0)
}' || die "awk failed"
