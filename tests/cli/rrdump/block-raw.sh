$B/rrdump $B/data/bad-block-raw.rr
