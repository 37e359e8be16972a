$B/rrdiff $B/data/good-diff-a.rr $B/data/good-diff-late.rr
