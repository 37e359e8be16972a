$B/rrdump -H $B/data/newer-minor.rr
