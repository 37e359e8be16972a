$B/rrdiff -C 65 $B/data/good-diff-a.rr $B/data/good-diff-a.rr
