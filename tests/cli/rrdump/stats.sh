$B/rrdump -s $B/data/good-blocks.rr
