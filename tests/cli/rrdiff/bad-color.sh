$B/rrdiff --color=purple $B/data/good-diff-a.rr $B/data/good-diff-a.rr
