$B/rrverify $B/data/bad-noclose.rr
