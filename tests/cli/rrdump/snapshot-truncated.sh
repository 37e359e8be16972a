$B/rrdump $B/data/bad-snap-truncated.snap
