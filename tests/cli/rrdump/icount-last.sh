$B/rrdump --icount '~301-' $B/data/good-blocks.rr
