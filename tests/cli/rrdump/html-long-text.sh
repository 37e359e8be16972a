# --html keeps the first 120 bytes of an event's data, and says how many
# more there were.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump --html -e 41 $B/data/good-blocks.rr >"$t/page.html"
echo "exit $?"
grep -o '{"e":41,[^}]*}' "$t/page.html"
