$B/rrdump --blocks --events 40-45 $B/data/good-blocks.rr
