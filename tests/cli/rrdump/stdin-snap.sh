$B/rrdump - < $B/data/good-snap.snap
