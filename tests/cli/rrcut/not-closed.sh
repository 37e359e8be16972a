$B/rrcut -i 0-100 -o - $B/data/bad-killed.rr
