$B/rrdump -j $B/data/newer-minor.rr
