$B/rrdiff -k ^output $B/data/good-diff-a.rr $B/data/good-diff-late.rr
