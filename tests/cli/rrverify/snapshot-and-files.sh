$B/rrverify -S $B/data/good-snap.snap $B/data/good-verify.rr
