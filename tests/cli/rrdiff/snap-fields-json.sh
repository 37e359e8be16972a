$B/rrdiff -j $B/data/good-snap.snap $B/data/good-snap-other.snap
