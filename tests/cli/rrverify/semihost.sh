# SEMIHOST events are checked: a good log is valid; a payload that ends
# after its operation, or an event in a log without semihosting in its
# header, is corrupt at that event.
$B/rrverify $B/data/good-semihost.rr
echo "rc=$?"
$B/rrverify $B/data/bad-semihost-payload.rr
echo "rc=$?"
$B/rrverify $B/data/bad-semihost-noflag.rr
echo "rc=$?"
