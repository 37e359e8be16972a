$B/rrverify $B/data/bad-index.rr
