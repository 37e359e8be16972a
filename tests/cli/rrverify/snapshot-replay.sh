$B/rrverify -r -S $B/data/good-snap.snap
