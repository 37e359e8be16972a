# --html with the clock reads left out (-k ^clock): the state parts with no
# differing input before it: an effect, no cause.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdiff --html -k ^clock $B/data/good-diff-a.rr $B/data/good-diff-state.rr \
    >"$t/page.html"
echo "exit $?"
grep -o '"diff":.*' "$t/page.html"
