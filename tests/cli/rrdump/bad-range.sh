$B/rrdump -e 5-3 $B/data/good-basic.rr
