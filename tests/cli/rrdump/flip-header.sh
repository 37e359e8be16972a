$B/rrdump -b $B/data/bad-flip-header.rr
