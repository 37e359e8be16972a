$B/rrverify --log $B/data/good-verify.rr
