$B/rrdiff --all -c 3 $B/data/good-diff-a.rr $B/data/good-diff-input.rr
