$B/rrdump --icount 1-2-3 $B/data/good-basic.rr
