# --html: a page with both runs; the cause (the first differing input)
# and the effect marked, in its data; exit 1 (different).
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdiff --html $B/data/good-diff-a.rr $B/data/good-diff-bh.rr >"$t/page.html"
echo "exit $?"
grep -o '"diff":.*' "$t/page.html"
