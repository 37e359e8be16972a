$B/rrdump -H $B/data/good-snap.snap
