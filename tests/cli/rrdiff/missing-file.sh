$B/rrdiff $B/data/good-diff-a.rr $B/data/no-such-file.rr
