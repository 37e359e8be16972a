$B/rrdump -k clock,bogus $B/data/good-basic.rr
