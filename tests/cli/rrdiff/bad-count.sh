$B/rrdiff --count 0 $B/data/good-diff-a.rr $B/data/good-diff-a.rr
