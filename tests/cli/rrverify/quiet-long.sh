$B/rrverify --quiet $B/data/good-verify.rr
