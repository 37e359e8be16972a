$B/rrdump -s $B/data/bad-flip.rr
