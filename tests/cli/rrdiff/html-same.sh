# --html of a log and itself: nothing marked, exit 0.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdiff --html $B/data/good-diff-a.rr $B/data/good-diff-a.rr >"$t/page.html"
echo "exit $?"
grep -o '"diff":.*' "$t/page.html"
