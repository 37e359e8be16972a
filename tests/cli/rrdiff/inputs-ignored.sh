$B/rrdiff --ignore clock,entropy $B/data/good-diff-a.rr $B/data/good-diff-input.rr
