$B/rrdiff --context 0 $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
