$B/rrdiff -x $B/data/good-diff-a.rr $B/data/good-diff-a.rr
