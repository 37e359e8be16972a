$B/rrdump -e 110- $B/data/good-blocks.rr
