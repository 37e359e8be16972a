$B/rrverify $B/data/good-nofooter.rr
