$B/rrdump -b $B/data/bad-block-comp.rr
