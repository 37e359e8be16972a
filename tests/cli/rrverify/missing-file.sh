$B/rrverify $B/data/no-such-file.rr
