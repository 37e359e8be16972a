$B/rrdiff --quiet $B/data/good-diff-a.rr $B/data/good-diff-input.rr
