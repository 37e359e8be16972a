$B/rrdump $B/data/bad-block-count.rr
