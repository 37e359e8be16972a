# Context after a difference near the end of the logs: as many events as
# there are (3 of the 10 asked for).
$B/rrdiff -C 10 $B/data/good-diff-a.rr $B/data/good-diff-state.rr
