$B/rrdump --count 2 -e 60- -k clock $B/data/good-blocks.rr
