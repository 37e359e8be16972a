$B/rrverify $B/data/bad-block-raw.rr
