$B/rrdiff --ignore clock,nosuch $B/data/good-diff-a.rr $B/data/good-diff-a.rr
