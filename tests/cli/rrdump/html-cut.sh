# --html of a log cut out of another: its header says where it came from.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrcut -q -i 1100-1300 -o "$t/cut.rr" $B/data/good-cutsrc.rr || exit
$B/rrdump --html "$t/cut.rr" >"$t/page.html"
echo "exit $?"
grep 'origin_' "$t/page.html"
