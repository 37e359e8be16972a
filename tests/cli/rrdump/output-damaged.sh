# -o with a damaged input: exit 1, and the output complete (valid JSON).
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump --trace-events -o "$t/t.json" $B/data/bad-truncated.rr
echo "exit $?"
jq -e '.traceEvents | length > 0' "$t/t.json"
