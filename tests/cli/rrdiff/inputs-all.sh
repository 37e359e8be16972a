$B/rrdiff --all --max 3 $B/data/good-diff-a.rr $B/data/good-diff-input.rr
