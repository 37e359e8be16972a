$B/rrverify $B/data/good-snap.snap
