$B/rrdiff -j $B/data/good-diff-a.rr $B/data/good-diff-state.rr
