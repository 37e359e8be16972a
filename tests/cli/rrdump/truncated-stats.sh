$B/rrdump -s $B/data/bad-truncated.rr
