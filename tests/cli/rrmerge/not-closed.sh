$B/rrmerge -o - $B/data/bad-killed.rr
