$B/rrverify $B/data/bad-magic.rr
