cat $B/data/good-basic.rr | $B/rrdump
