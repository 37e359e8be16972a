$B/rrdump -e '~3-' $B/data/good-blocks.rr
