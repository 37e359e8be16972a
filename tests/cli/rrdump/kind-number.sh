$B/rrdump -k 42,unknown-200 -j $B/data/newer-minor.rr
