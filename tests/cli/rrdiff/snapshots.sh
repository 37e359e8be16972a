# Two snapshots of one guest at two instruction counts: every differing
# field; then the same snapshot: exit 0.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu run -q -u 5000 -S "$t/a.snap" $B/guests/compute.elf 2>/dev/null
$B/rremu run -q -u 9000 -S "$t/b.snap" $B/guests/compute.elf 2>/dev/null
$B/rrdiff "$t/a.snap" "$t/b.snap" >"$t/out"
echo "rc=$?"
sed "s|$t/|\$T/|g" "$t/out"
$B/rrdiff "$t/a.snap" "$t/a.snap"
