# --html when the guest's state parts after a host input differs: the
# input is the cause, the checkpoint the effect.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdiff --html $B/data/good-diff-a.rr $B/data/good-diff-state.rr >"$t/page.html"
echo "exit $?"
grep -o '"diff":.*' "$t/page.html"
