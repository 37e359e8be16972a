# -e and -i compare only the events in a range, on each side, as rrdump
# and rrcut select them (~N counts from the end).
$B/rrdiff -q -e 0-24 $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "events 0-24 rc=$?"
$B/rrdiff -e 25- $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "events 25- rc=$?"
$B/rrdiff -q -i 0-1199 $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "icount 0-1199 rc=$?"
$B/rrdiff -q -i 1200-1200 $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "icount 1200 rc=$?"
$B/rrdiff -q -e '~20-' $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "the last 20 events rc=$?"
$B/rrdiff -q -e '~30-' $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "the last 30 events rc=$?"
$B/rrdiff -q -e '~3-' $B/data/good-diff-a.rr - <$B/data/good-diff-bh.rr
echo "from the end on stdin rc=$?"
$B/rrdiff -q -e 5-x $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "bad range rc=$?"
