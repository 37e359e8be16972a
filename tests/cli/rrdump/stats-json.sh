$B/rrdump -sj $B/data/good-blocks.rr
