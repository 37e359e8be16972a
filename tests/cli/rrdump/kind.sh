$B/rrdump -k clock,bh,end $B/data/good-basic.rr
