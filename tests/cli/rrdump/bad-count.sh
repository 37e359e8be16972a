$B/rrdump -c -1 $B/data/good-basic.rr
