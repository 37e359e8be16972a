$B/rrverify -x $B/data/good-verify.rr
