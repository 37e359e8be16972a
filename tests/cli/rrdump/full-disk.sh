$B/rrdump $B/data/good-basic.rr >/dev/full
