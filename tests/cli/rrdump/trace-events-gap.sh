# Gaps and unknown kinds: a gap is a marker; an unknown kind only counts.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump --trace-events -e 0-9 $B/data/good-gap.rr >"$t/gap.json" ||
    echo "exit $?"
grep -v '"density"' "$t/gap.json"
$B/rrdump --trace-events $B/data/newer-minor-kind.rr >"$t/kind.json" ||
    echo "exit $?"
grep '"density"' "$t/kind.json" | head -n 2
