# --junit: one test case per comparison, the failure message the first
# difference; valid against formats/junit.xsd (xmllint); written whole,
# never over an input; a folder is refused (exit 2).
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rrdiff -q --junit "$t/same.xml" $B/data/good-diff-a.rr $B/data/good-diff-a.rr
echo "same rc=$?"
sed "s|$B/|\$B/|g" "$t/same.xml"
xmllint --noout --schema formats/junit.xsd "$t/same.xml" 2>&1 | sed "s|$t/|\$T/|"
$B/rrdiff -q --junit "$t/bh.xml" $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "bh rc=$?"
sed "s|$B/|\$B/|g" "$t/bh.xml"
xmllint --noout --schema formats/junit.xsd "$t/bh.xml" 2>&1 | sed "s|$t/|\$T/|"
$B/rrdiff -q --junit "$t/bad.xml" $B/data/good-diff-a.rr $t/nosuch.rr \
    2>"$t/err"
echo "missing rc=$?"
sed "s|$t/|\$T/|g" "$t/err"
grep -c '<error message=' "$t/bad.xml"
cp $B/data/good-diff-a.rr "$t/a.rr"
$B/rrdiff -q --junit "$t/a.rr" "$t/a.rr" $B/data/good-diff-bh.rr 2>"$t/err"
echo "onto an input rc=$?"
sed "s|$t/|\$T/|g" "$t/err"
cmp -s $B/data/good-diff-a.rr "$t/a.rr" && echo "the input is untouched"
$B/rrdiff -q --junit "$t" $B/data/good-diff-a.rr $B/data/good-diff-a.rr \
    2>"$t/err"
echo "folder rc=$?"
sed "s|$t|\$T|g" "$t/err"
ls "$t" | grep -c 'rr-tmp'
