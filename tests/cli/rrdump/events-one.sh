$B/rrdump -e 0x2 $B/data/good-basic.rr
