$B/rrdump -x $B/data/good-basic.rr
