$B/rrdump -H $B/data/good-basic.rr
