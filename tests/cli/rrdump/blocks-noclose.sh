# --blocks on a log that was never closed (it ends on a block boundary,
# with no END and no footer): the blocks are listed, then "not closed"
# and status 1, as the event listing and --stats say; also from a pipe.
$B/rrdump --blocks $B/data/bad-noclose.rr
echo "file: $?"
cat $B/data/bad-noclose.rr | $B/rrdump --blocks - >/dev/null
echo "pipe: $?"
$B/rrdump --blocks $B/data/good-basic.rr >/dev/null
echo "closed: $?"
