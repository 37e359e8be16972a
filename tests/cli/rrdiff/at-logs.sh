$B/rrdiff --at 1500 $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
