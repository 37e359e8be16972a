$B/rrdump -c 3 $B/data/good-blocks.rr
