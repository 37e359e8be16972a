$B/rrdiff $B/data/good-snap.snap $B/data/bad-snap-flip.snap
