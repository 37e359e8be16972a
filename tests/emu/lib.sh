# Helpers shared by the emulator's property tests (props.sh, stops.sh).
# Needs B (build folder); sets E, D, G, SEED, T, pass, fail.
E=$B/rremu
D=$B/rrdump
# GUESTS: the build of the guests, guests (rv32im) or guests-c (rv32imac)
G=$B/${GUESTS:-guests}
SEED=${SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
T=$(mktemp -d "${TMPDIR:-/tmp}/rremutest.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# rand N: R becomes a number in 1..N from the seeded sequence (not in a
# subshell, so that the sequence moves on)
rand() {
	SEED=$(( (SEED * 1103515245 + 12345) % 2147483648 ))
	R=$(( SEED % $1 + 1 ))
}

# rands N K: RS becomes K such numbers, sorted, unique, comma-separated
rands() {
	RS=""
	for _ in $(seq "$2"); do
		rand "$1"
		RS="$RS $R"
	done
	RS=$(echo $RS | tr ' ' '\n' | sort -n | uniq | paste -sd, -)
}

# The state at a log's end: its last checkpoint's icount and hash.
final_hash() {
	$D -k checkpoint "$1" | tail -n 1 | awk '{ print $2, $4 }'
}

# taken LOG EVENT: the bytes of input the guest had taken in LOG's bottom
# halves numbered below EVENT.
taken() {
	$D --json -k bh "$1" | awk -v at="$2" -F'"event":' '
	    { split($2, a, ","); if (a[1] + 0 >= at + 0) exit
	      d = $0; sub(/.*"data":"/, "", d); sub(/".*/, "", d)
	      n += length(d) / 2 }
	    END { print n + 0 }'
}

# snap_event SNAP: the first log event not yet applied to SNAP's state.
snap_event() {
	$D "$1" | sed -n 's/^gate\.next_event = \([0-9]*\).*/\1/p'
}

# rest IN LOG SNAP: the input IN that follows what LOG's guest had taken
# when SNAP was saved, in $T/rest; N says how many bytes were skipped.
rest() {
	N=$(taken "$2" "$(snap_event "$3")")
	tail -c +$((N + 1)) "$1" >"$T/rest"
}
