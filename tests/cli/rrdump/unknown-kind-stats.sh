$B/rrdump -s $B/data/newer-minor.rr
