# --html of two runs of different machines: the configuration that
# differs is the cause, with no place on the axis.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdiff --html $B/data/good-diff-a.rr $B/data/good-diff-ram.rr >"$t/page.html"
echo "exit $?"
grep -o '"diff":.*' "$t/page.html"
