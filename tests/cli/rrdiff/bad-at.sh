$B/rrdiff --at x1 $B/data/good-diff-a.rr $B/data/good-diff-a.rr
