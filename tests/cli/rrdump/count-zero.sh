$B/rrdump -c 0 $B/data/good-blocks.rr
