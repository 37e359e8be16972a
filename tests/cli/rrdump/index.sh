$B/rrdump -s -e '~2-' $B/data/bad-index.rr
