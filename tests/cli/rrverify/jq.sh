# JSON Lines read by a real client (jq, installed by make deps): every
# record of rrverify and rrdiff parses and has a "type"; the verdicts and
# the kinds of record can be picked out as rr(7)'s CI pipeline does; the
# result record comes last.
T=$(mktemp) || exit 2
trap 'rm -f "$T" "$T.t"' EXIT
for f in good-verify bad-v-cut-inside bad-v-flip-payload; do
	$B/rrverify -j $B/data/$f.rr >"$T" 2>/dev/null
	echo "rrverify $f: $?"
	jq -r 'if has("type") then . else error("no type") end |
	    select(.type == "verdict") | .verdict' "$T"
	echo "jq: $?"
	# The result record is last, and carries the exit status.
	jq -e -s 'last | .type == "verify_result" and .status == 0' "$T" \
	    >/dev/null
	echo "last is a result of status 0: $?"
done
$B/rrdiff -j $B/data/good-diff-a.rr $B/data/good-diff-bh.rr >"$T"
echo "rrdiff: $?"
jq -e -r 'if has("type") then . else error("no type") end | .type' "$T" >"$T.t"
echo "jq: $?"
sort -u "$T.t"
jq -e -s 'last | .type == "diff_result" and .status == 1 and
    .first.a.event == 25 and .first.b.event == 25' "$T" >/dev/null
echo "last is the result, first difference at event 25: $?"
