$B/rrdump --kind unknown $B/data/newer-minor.rr
