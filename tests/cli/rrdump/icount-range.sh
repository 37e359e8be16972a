$B/rrdump -i 200-310 $B/data/good-basic.rr
