$B/rrverify $B/data/good-verify.rr --snapshot
