$B/rrdump -e '~5-~4' $B/data/good-blocks.rr
