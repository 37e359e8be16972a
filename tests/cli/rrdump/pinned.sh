# Format 1.4: where the host inputs came from (header fields 20 to 22),
# in text and JSON; a log with one source pinned says the other is the
# host's; a 1.3 log says nothing of sources.  rrverify takes them.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
for f in good-pinned good-pinned-seed; do
	$B/rrdump -H $B/data/$f.rr >"$t/h" || echo "rrdump -H $f: exit $?"
	grep -e '^format' -e '_source' -e '^clock_base' -e '_seed' \
	    -e '^host_from' "$t/h" || echo "$f: no sources"
	$B/rrdump -j -H $B/data/$f.rr >"$t/j" || echo "rrdump -jH $f: exit $?"
	grep -o '"clock_source.*' "$t/j" || echo "$f: no sources in JSON"
	$B/rrverify -q $B/data/$f.rr
	echo "rrverify $f: exit $?"
done
$B/rrdump $B/data/good-pinned.rr
$B/rrdump -H $B/data/good-semihost.rr >"$t/h" || echo "rrdump -H: exit $?"
echo "1.3 log: $(grep -c -e _source -e ^host_from "$t/h") lines of sources"
