# A clock's nanoseconds (about 1.8e18, past 2^53) survive jq, which keeps
# numbers as doubles: JSON gives them as strings of digits, the same
# digits as the text view; rrdiff -j's cause likewise.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rrdump -k clock $B/data/good-diff-input.rr >"$t/text" ||
    echo "rrdump: exit $?"
$B/rrdump -j -k clock $B/data/good-diff-input.rr >"$t/json" ||
    echo "rrdump -j: exit $?"
jq -r '.ns' "$t/json" >"$t/jq" || echo "jq: exit $?"
awk '{ print $4 }' "$t/text" >"$t/want" || echo "awk: exit $?"
if [ -s "$t/want" ] && cmp -s "$t/want" "$t/jq"; then
	echo "jq -r .ns: every clock event's nanoseconds, exactly"
fi
sed -n '1,3p' "$t/jq"
$B/rrdiff -j -a -c 3 -k clock $B/data/good-diff-a.rr $B/data/good-diff-input.rr \
    >"$t/diff"
echo "rrdiff rc=$?"
jq -r 'select(.type == "diff_cause") | .a.ns, .b.ns' "$t/diff" ||
    echo "jq: exit $?"
