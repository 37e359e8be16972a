$B/rrdump $B/data/good-empty.rr
