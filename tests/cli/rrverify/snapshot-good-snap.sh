$B/rrverify --snapshot $B/data/good-snap.snap
