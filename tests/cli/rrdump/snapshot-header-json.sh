$B/rrdump -Hj $B/data/good-snap.snap
