$B/rrdiff -c 1 $B/data/good-diff-bh.rr $B/data/good-diff-late.rr
