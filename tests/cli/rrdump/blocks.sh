$B/rrdump -b $B/data/good-blocks.rr
