# -q hides what the data is (exit 0 or 1), never why the status is 2: a
# file that is not there, a version this build does not support, a
# QEMU log given to --replay.  A corrupt log stays silent (exit 1).
$B/rrverify -q no-such-file.rr; echo "status $?"
$B/rrverify -q $B/data/unsupported-major.rr; echo "status $?"
$B/rrverify -q -r $B/data/qemu-every-kind.qlog; echo "status $?"
$B/rrverify -q $B/data/bad-flip.rr; echo "status $?"
$B/rrverify -q -S no-such-snapshot.rrs; echo "status $?"
