# --html is a view of its own.
$B/rrdiff --html -j $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
