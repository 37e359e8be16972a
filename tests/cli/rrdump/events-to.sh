$B/rrdump -e -2 $B/data/good-blocks.rr
