$B/rrdump $B/data/newer-minor.rr
