#!/bin/sh
# cpudiff: random RV32IMAC instruction streams under rremu and under
# qemu-system-riscv32 -icount shift=0; their registers, trap logs and
# data checksums must be the same text (tests/cpudiff/README).  On a
# difference, the first stream that differs is shrunk to the fewest
# items that still differ, and printed as assembly.
#
# usage: sh tests/cpudiff/run.sh [-n ROUNDS] [-k STREAMS] [-l LENGTH]
#            [-s SEED]
# Environment: B (build directory: $B/rremu, $B/cpudiff_gen), QEMU,
# RVCC, TIMEOUT (seconds per run, default 60), KEEP (a file to write the
# shrunk reproducer to).
set -u
B=${B:-build}
QEMU=${QEMU:-qemu-system-riscv32}
RVCC=${RVCC:-riscv64-unknown-elf-gcc}
TIMEOUT=${TIMEOUT:-60}
rounds=1 streams=32 len=100
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
while getopts n:k:l:s: o; do
	case $o in
	n) rounds=$OPTARG ;;
	k) streams=$OPTARG ;;
	l) len=$OPTARG ;;
	s) seed=$OPTARG ;;
	*) echo "usage: sh tests/cpudiff/run.sh [-n ROUNDS] [-k STREAMS]" \
	    "[-l LENGTH] [-s SEED]" >&2; exit 2 ;;
	esac
done
for v in "$rounds" "$streams" "$len" "$seed"; do
	case $v in
	''|*[!0-9]*) echo "cpudiff: not a number: '$v'" >&2; exit 2 ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $B in
/*) ;;
*) B=$root/$B ;;
esac
T=$(mktemp -d "${TMPDIR:-/tmp}/cpudiff.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM

for t in "$B/rremu" "$B/cpudiff_gen"; do
	[ -x "$t" ] || { echo "cpudiff: $t not built" >&2; exit 2; }
done
command -v "$QEMU" >/dev/null ||
    { echo "cpudiff: $QEMU missing (make deps)" >&2; exit 2; }

RT=$root/guests/rt
ARCH="-march=rv32imac_zicsr_zifencei -mabi=ilp32"
LIBGCC=$($RVCC -march=rv32imac -mabi=ilp32 -print-libgcc-file-name)
# The harness and the guest runtime, once.
mkdir "$T/o"
(cd "$T/o" && $RVCC $ARCH -O2 -ffreestanding -nostdlib -fno-builtin \
    -mcmodel=medany -I"$RT" -c "$RT"/*.S "$RT"/*.c "$here/harness.S" \
    "$here/main.c") || { echo "cpudiff: cannot build the harness" >&2; exit 2; }

# build S ELF: link the streams of S; 1 if they do not assemble
build() {
	$RVCC $ARCH -nostdlib -static -T"$RT/link.ld" -o "$2" "$T"/o/*.o \
	    "$1" "$LIBGCC" 2>"$T/as.err"
}

# run ELF OUT: rremu's output in OUT.r, QEMU's in OUT.q; 0 when the same
run() {
	timeout "$TIMEOUT" "$B/rremu" run "$1" </dev/null >"$2.r" 2>&1
	echo "exit $?" >>"$2.r"
	timeout "$TIMEOUT" $QEMU -M virt -bios none -nographic -monitor none \
	    -serial stdio -icount shift=0 -kernel "$1" </dev/null >"$2.q" 2>&1
	echo "exit $?" >>"$2.q"
	cmp -s "$2.r" "$2.q"
}

# one S N OUT: stream N of S alone, as stream_0, in OUT
one() {
	awk -v n="$2" '
	/^\t\.globl stream_[0-9]+$/ {
		cur = substr($2, 8)
		if (cur == n)
			print "\t.balign 4\n\t.globl stream_0\nstream_0:"
		next
	}
	/^stream_[0-9]+:$/ || /^\t\.balign 4$/ { next }
	/^\t\.section \.rodata/ { cur = "" }
	NR <= 4 { print; next }
	cur == n { print }
	END {
		print "\n\t.section .rodata\n\t.balign 4\n\t.globl streams"
		print "streams:\n\t.word stream_0\n\t.globl nstreams"
		print "nstreams:\n\t.word 1"
	}' "$1" >"$3"
	grep -q '^stream_0:' "$3"
}

# A line a shrinker may delete: an item, not a label, an init line,
# the stream's entry or its end.
removable() {
	awk '{ r = !($0 ~ /^[A-Za-z0-9_.]+:$/ || $0 ~ /# (init|cfg)$/ ||
	    $0 ~ /^\t\.option (norelax|norvc)$/ ||
	    $0 ~ /^\t\.(globl|balign|text|section|word stream)/ ||
	    $0 ~ /^\tj stream_(done|exit)$/ || $0 ~ /^#/ || $0 ~ /^$/ ||
	    $0 ~ /^(streams|nstreams):/ || $0 ~ /^\t\.word [0-9]+$/)
	    print r }' "$1"
}

# still FILE: does this candidate still differ (and assemble)?
still() {
	build "$1" "$T/c.elf" && ! run "$T/c.elf" "$T/c"
}

# shrink FILE: delete items while the difference stays (ddmin, by halves)
shrink() {
	cp "$1" "$T/best.S"
	n=$(removable "$T/best.S" | grep -c 1)
	chunk=$(( (n + 1) / 2 ))
	while [ "$chunk" -ge 1 ]; do
		progress=0
		k=0
		while :; do
			n=$(removable "$T/best.S" | grep -c 1)
			[ "$k" -lt "$n" ] || break
			# Delete removable lines k .. k + chunk - 1.
			removable "$T/best.S" | paste - "$T/best.S" |
			    awk -F '\t' -v a="$k" -v b="$((k + chunk))" '
			    { line = substr($0, index($0, "\t") + 1) }
			    $1 == 1 { i++; if (i > a && i <= b) next }
			    { print line }' >"$T/cand.S"
			if still "$T/cand.S"; then
				cp "$T/cand.S" "$T/best.S"
				progress=1
			else
				k=$((k + chunk))
			fi
		done
		[ "$progress" = 1 ] && [ "$chunk" -gt 1 ] && continue
		[ "$chunk" = 1 ] && break
		chunk=$(( chunk / 2 ))
	done
}

r=0
while [ "$r" -lt "$rounds" ]; do
	s=$((seed + r))
	r=$((r + 1))
	"$B/cpudiff_gen" "$s" "$streams" "$len" >"$T/s.S" || exit 2
	if ! build "$T/s.S" "$T/s.elf"; then
		echo "cpudiff: seed $s: the streams do not assemble:" >&2
		sed 's/^/	/' "$T/as.err" >&2
		exit 2
	fi
	if run "$T/s.elf" "$T/s"; then
		echo "cpudiff: seed $s: $streams streams of up to $len items:" \
		    "rremu and QEMU agree ($(grep -c '^trap' "$T/s.r") traps)"
		continue
	fi
	echo "cpudiff: seed $s: rremu and QEMU differ (cpudiff_gen $s" \
	    "$streams $len):"
	diff "$T/s.r" "$T/s.q" | sed -n '1,12s/^/	/p'
	# The first stream whose lines differ.
	bad=$(awk 'NR == FNR { a[FNR] = $0; next }
	    /^stream / { cur = $2 } a[FNR] != $0 { print cur; exit }' \
	    "$T/s.r" "$T/s.q")
	[ -n "$bad" ] || bad=0
	if one "$T/s.S" "$bad" "$T/one.S" && still "$T/one.S"; then
		echo "cpudiff: shrinking stream $bad..."
		shrink "$T/one.S"
		echo "cpudiff: reproducer (rremu < >, QEMU):"
		grep -v '^\t\.word [0-9]*$\|^\t\.word stream\|^streams:\|^nstreams:\|^\t\.globl n\?streams' \
		    "$T/best.S" | grep -v '^S[0-9]*L[0-9]*:$' | sed 's/^/	/'
		build "$T/best.S" "$T/c.elf" && run "$T/c.elf" "$T/c"
		diff "$T/c.r" "$T/c.q" | sed 's/^/	/'
		[ -n "${KEEP:-}" ] && cp "$T/best.S" "$KEEP"
	else
		echo "cpudiff: stream $bad alone does not differ; the whole" \
		    "file reproduces it: cpudiff_gen $s $streams $len"
	fi
	exit 1
done
exit 0
