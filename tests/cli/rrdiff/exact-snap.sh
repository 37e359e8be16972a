$B/rrdiff --exact $B/data/good-snap.snap $B/data/good-snap.snap
