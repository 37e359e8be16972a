# --html: the header and statistics at the top of the page, and the data
# its script draws (buckets, markers, texts), for a small log.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump --html $B/data/good-basic.rr >"$t/page.html"
echo "exit $?"
sed -n '/<h1>/,/<\/header>/p' "$t/page.html"
sed -n '/id="rr-data"/,/<\/script>/p' "$t/page.html"
