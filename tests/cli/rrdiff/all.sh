$B/rrdiff -a $B/data/good-diff-bh.rr $B/data/good-diff-late.rr
