$B/rrdump -e 58- $B/data/bad-flip.rr
