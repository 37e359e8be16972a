cat $B/data/good-blocks.rr | $B/rrdump --stats
