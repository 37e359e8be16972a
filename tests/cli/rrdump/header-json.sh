$B/rrdump --header --json $B/data/good-basic.rr
