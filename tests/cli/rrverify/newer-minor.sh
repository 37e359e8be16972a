$B/rrverify $B/data/newer-minor.rr
