$B/rrdump $B/data/unsupported-major.rr
