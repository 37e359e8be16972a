$B/rrdump --bogus $B/data/good-basic.rr
