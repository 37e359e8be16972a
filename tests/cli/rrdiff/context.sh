$B/rrdiff -C 1 $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
