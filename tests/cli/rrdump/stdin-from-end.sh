cat $B/data/good-blocks.rr | $B/rrdump -e '~2-'
