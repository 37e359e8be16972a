# Messages name the option as typed, never a raw byte or the value alone;
# -o "" and a -o with no name to number are refused (exit 2); a split
# makes at most 1000 pieces, and says so with the number.
L=$B/data/good-cutsrc.rr
t=$(mktemp) && trap 'rm -f "$t"' EXIT
try() {
	"$@" >/dev/null 2>"$t"
	st=$?
	echo "exit $st: $(head -n 1 "$t")"
}
try $B/rrcut --every
try $B/rrcut --split -n 0 -o p.rr $L
try $B/rrcut --split --size x -o p.rr $L
try $B/rrcut --bogus=1 $L
try $B/rrcut -i 0- -o "" $L
try $B/rrcut --split -n 2 -o "" $L
try $B/rrcut --split -n 2 -o dir/.rr $L
try $B/rrcut --split -n 1001 --dry-run -o p.rr $L
try $B/rrcut --split -n 1000 --dry-run -o p.rr $L
