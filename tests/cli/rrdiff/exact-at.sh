$B/rrdiff --exact --at 5 $B/data/good-diff-a.rr $B/data/good-diff-a.rr
