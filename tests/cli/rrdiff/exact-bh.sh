$B/rrdiff -C 0 --exact $B/data/good-diff-a.rr $B/data/good-diff-bh.rr
