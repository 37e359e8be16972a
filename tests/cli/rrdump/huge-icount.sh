# Counts past what a signed 64-bit JSON integer holds are decimal strings.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rrdump --json --stats $B/data/good-huge-icount.rr
echo "status $?"
$B/rrdump --json -k clock,end $B/data/good-huge-icount.rr
echo "status $?"
$B/rrdump --stats $B/data/good-huge-icount.rr >"$t/o"
echo "status $?"
grep icount "$t/o"
