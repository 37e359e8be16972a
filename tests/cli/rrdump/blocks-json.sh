$B/rrdump -bj $B/data/good-blocks.rr
