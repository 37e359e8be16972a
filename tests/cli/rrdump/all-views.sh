$B/rrdump -Hbs $B/data/good-basic.rr
