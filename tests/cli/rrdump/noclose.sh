$B/rrdump -e '~3-' $B/data/bad-noclose.rr
