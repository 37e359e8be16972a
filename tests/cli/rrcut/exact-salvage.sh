$B/rrcut --exact --salvage -o - $B/data/bad-killed.rr
