$B/rrverify $B/data/unsupported-major.rr
