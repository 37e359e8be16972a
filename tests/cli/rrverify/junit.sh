# --junit: one test case per file, the failure message its first
# problem, an error for a file that cannot be read; valid against
# formats/junit.xsd (xmllint).
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rrverify -q --junit "$t/v.xml" $B/data/good-verify.rr \
    $B/data/bad-v-flip-payload.rr "$t/nosuch.rr" 2>"$t/err"
echo "rc=$?"
sed "s|$t/|\$T/|g" "$t/err"
sed -e "s|$B/|\$B/|g" -e "s|$t/|\$T/|g" "$t/v.xml"
xmllint --noout --schema formats/junit.xsd "$t/v.xml" 2>&1 | sed "s|$t/|\$T/|"
$B/rrverify -q --junit "$t/ok.xml" $B/data/good-verify.rr
echo "rc=$?"
grep -c '<failure\|<error' "$t/ok.xml"
$B/rrverify --junit "$t" $B/data/good-verify.rr >/dev/null 2>"$t/err"
echo "folder rc=$?"
sed "s|$t|\$T|g" "$t/err"
