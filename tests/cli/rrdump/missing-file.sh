$B/rrdump $B/data/no-such-file.rr
