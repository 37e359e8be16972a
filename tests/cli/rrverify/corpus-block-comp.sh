$B/rrverify $B/data/bad-block-comp.rr
