$B/rrdump -j $B/data/good-snap.snap
