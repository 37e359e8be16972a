$B/rrdump -e 3-5 $B/data/good-basic.rr
