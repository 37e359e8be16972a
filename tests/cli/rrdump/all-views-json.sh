$B/rrdump -Hbsj $B/data/good-basic.rr
