$B/rrdump --json $B/data/good-basic.rr
