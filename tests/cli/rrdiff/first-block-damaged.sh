$B/rrdiff $B/data/good-diff-a.rr $B/data/bad-diff-first.rr
