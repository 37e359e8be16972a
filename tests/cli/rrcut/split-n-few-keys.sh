# --split -n 5 on a log with 4 keyframes: refused, exit 2, nothing
# written (-n promises a number of pieces); -n 4 writes 4.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrcut --split -n 5 -o "$t/p.rr" $B/data/good-cutsrc.rr
echo "status $?"
ls "$t"
$B/rrcut -q --split -n 4 -o "$t/p.rr" $B/data/good-cutsrc.rr
echo "status $?"
ls "$t"
