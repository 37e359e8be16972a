$B/rrdump -e 1000- $B/data/good-blocks.rr
