$B/rrdump -b $B/data/bad-flip.rr
