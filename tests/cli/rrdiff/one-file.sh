$B/rrdiff $B/data/good-diff-a.rr
