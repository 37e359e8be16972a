# -k compares only some kinds (^kind: all but it), --ignore leaves kinds
# out; the context still shows every event, those left out marked.
$B/rrdiff -q -k ^bh $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "^bh rc=$?"
$B/rrdiff -q --ignore bh $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "--ignore bh rc=$?"
$B/rrdiff -q -k bh $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "bh rc=$?"
$B/rrdiff -k ^clock -C 4 $B/data/good-diff-a.rr $B/data/good-diff-state.rr
echo "^clock rc=$?"
$B/rrdiff -q -k nosuch $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
echo "bad kind rc=$?"
