# A damaged log: the page is written with what came before the damage,
# says so, and the exit status is 1.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump --html $B/data/bad-truncated.rr >"$t/page.html"
echo "exit $?"
grep -c 'class="damaged"' "$t/page.html"
