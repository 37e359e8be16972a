#!/bin/sh
# qemu-check.sh: run the guests under QEMU and rremu; compare masked output.
#
# usage: sh tests/guests/qemu-check.sh [-u] [guest ...]
#   -u  update mode: write tests/guests/NAME.out from QEMU's masked output
#
# Environment: B (build directory, default build; guests are
# $B/guests/NAME.elf, rv32im, and $B/guests-c/NAME.elf, rv32imac: every
# guest runs in each build BUILDS names, default "guests guests-c"), QEMU (default qemu-system-riscv32), RREMU
# (default $B/rremu), TIMEOUT (seconds per run, default 120),
# COMPUTE_ROUNDS (run compute with this many rounds instead of its
# default; its output then is compared between emulators only).
#
# Lines that start with "~ " carry host values (RTC, entropy, timing)
# and are masked to "~" before any comparison.

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
B=${B:-build}
case $B in
/*) ;;
*) B=$root/$B ;;
esac
QEMU=${QEMU:-qemu-system-riscv32}
RREMU=${RREMU:-$B/rremu}
TIMEOUT=${TIMEOUT:-120}
COMPUTE_ROUNDS=${COMPUTE_ROUNDS:-}
BUILDS=${BUILDS:-guests guests-c}
# QEMU 7.2 keeps the Zkr seed CSR off unless asked (csrrw seed traps).
QEMU_ARGS="-M virt -cpu rv32,zkr=true -bios none -nographic -monitor none"
QEMU_ARGS="$QEMU_ARGS -serial stdio"

usage() {
	echo "usage: sh tests/guests/qemu-check.sh [-u] [guest ...]"
}

update=0
case ${1:-} in
-u)	update=1; shift ;;
-h|--help) usage; exit 0 ;;
-*)	usage >&2; exit 2 ;;
esac
case $COMPUTE_ROUNDS in
*[!0-9]*) echo "qemu-check: COMPUTE_ROUNDS: not a number" >&2; exit 2 ;;
esac
case $TIMEOUT in
''|*[!0-9]*) echo "qemu-check: TIMEOUT: not a number" >&2; exit 2 ;;
esac

passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qemu-check.XXXXXX") || exit 2
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

# Show a file indented under a FAIL line, at most 20 lines of it.
show() {
	sed -n '1,20s/^/	/p' "$1"
}

mask() {
	sed 's/^~ .*/~/' "$1"
}

# patch_word ELF SYMBOL VALUE
# shellcheck source=tests/guests/patchword.sh
. "$here/patchword.sh"

# run WHO NAME ELF INPUT: run one guest, leave $tmp/NAME.WHO (masked
# output), .WHO.err and the exit status in $st.
run() {
	r_out=$tmp/$2.$1
	if [ "$1" = qemu ]; then
		# shellcheck disable=SC2086
		timeout "$TIMEOUT" $QEMU $QEMU_ARGS -kernel "$3" \
		    <"$4" >"$r_out.raw" 2>"$r_out.err"
		st=$?
	elif [ "$4" = /dev/null ]; then
		timeout --preserve-status -s KILL "$TIMEOUT" "$RREMU" run "$3" \
		    </dev/null >"$r_out.raw" 2>"$r_out.err"
		st=$?
	else
		timeout --preserve-status -s KILL "$TIMEOUT" \
		    "$RREMU" run --input "$4" "$3" \
		    </dev/null >"$r_out.raw" 2>"$r_out.err"
		st=$?
	fi
	mask "$r_out.raw" >"$r_out"
}

if [ $# -gt 0 ]; then
	guests=$*
else
	guests=
	for f in "$root"/guests/*.c; do
		g=${f##*/}
		guests="$guests ${g%.c}"
	done
fi

if ! command -v "${QEMU%% *}" >/dev/null 2>&1; then
	fail "qemu: $QEMU not found (make deps installs qemu-system-misc)"
	echo "qemu-check: $passed passed, $failed failed"
	exit 1
fi
# Without rremu half of the check cannot run: that is a failure, not a
# skip, or a broken build would pass it.
have_rremu=0
if [ -x "$RREMU" ]; then
	have_rremu=1
else
	fail "rremu: $RREMU not built (make B=... all); QEMU checks only"
fi

for b in $BUILDS; do
	for g in $guests; do
		elf=$B/$b/$g.elf
		# Names in messages: NAME for the rv32im build, BUILD/NAME else.
		gn=$g
		[ "$b" = guests ] || gn=$b/$g
		in=$here/$g.in
		[ -f "$in" ] || in=/dev/null
		want=0
		[ -f "$here/$g.status" ] && want=$(cat "$here/$g.status")
		expect=$here/$g.out
		note=
		if [ ! -f "$elf" ]; then
			fail "qemu $gn: $elf missing (make B=... guests)"
			continue
		fi
		if [ "$g" = compute ] && [ -n "$COMPUTE_ROUNDS" ]; then
			if ! cp "$elf" "$tmp/compute.elf" ||
			    ! patch_word "$tmp/compute.elf" compute_rounds \
			    "$COMPUTE_ROUNDS"; then
				fail "qemu $gn: cannot patch compute_rounds"
				continue
			fi
			elf=$tmp/compute.elf
			expect=
			note=" ($COMPUTE_ROUNDS rounds, not compared with $g.out)"
		fi

		run qemu "$g" "$elf" "$in"
		qst=$st
		if [ "$qst" -eq 124 ]; then
			fail "qemu $gn: timed out after ${TIMEOUT}s"
			show "$tmp/$g.qemu.err"
		elif [ "$qst" -ne "$want" ]; then
			fail "qemu $gn: exit status $qst, want $want"
			show "$tmp/$g.qemu.err"
			show "$tmp/$g.qemu"
		elif [ "$update" = 1 ] && [ -n "$expect" ]; then
			cp "$tmp/$g.qemu" "$expect"
			pass "qemu $gn: updated ${expect#"$root"/}"
		elif [ -z "$expect" ]; then
			pass "qemu $gn: exit status $qst$note"
		elif [ ! -f "$expect" ]; then
			fail "qemu $gn: no ${expect#"$root"/} (run with -u)"
		elif ! cmp -s "$expect" "$tmp/$g.qemu"; then
			fail "qemu $gn: output differs from ${expect#"$root"/}"
			diff -u "$expect" "$tmp/$g.qemu" >"$tmp/$g.diff"
			show "$tmp/$g.diff"
		else
			pass "qemu $gn: exit status $qst, output as expected"
		fi

		[ "$have_rremu" = 1 ] || continue
		run rremu "$g" "$elf" "$in"
		# killed by timeout (137): rremu's own 124 is "did not finish"
		if [ "$st" -eq 137 ]; then
			fail "rremu $gn: timed out after ${TIMEOUT}s"
			show "$tmp/$g.rremu.err"
		elif [ "$st" -ne "$want" ]; then
			fail "rremu $gn: exit status $st, want $want"
			show "$tmp/$g.rremu.err"
			show "$tmp/$g.rremu"
		elif ! cmp -s "$tmp/$g.qemu" "$tmp/$g.rremu"; then
			fail "rremu $gn: output differs from QEMU's"
			diff -u "$tmp/$g.qemu" "$tmp/$g.rremu" >"$tmp/$g.diff"
			show "$tmp/$g.diff"
		else
			pass "rremu $gn: exit status $st, output same as QEMU's$note"
		fi
	done
done

echo "qemu-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
