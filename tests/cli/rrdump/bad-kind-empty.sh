$B/rrdump -k , $B/data/good-basic.rr
