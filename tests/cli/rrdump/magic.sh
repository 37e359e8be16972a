$B/rrdump $B/data/bad-magic.rr
