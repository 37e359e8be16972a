# SEMIHOST events are checked: a good log is valid, a payload that ends
# after its operation is corrupt at that event.
$B/rrverify $B/data/good-semihost.rr
echo "rc=$?"
$B/rrverify $B/data/bad-semihost-payload.rr
echo "rc=$?"
