$B/rrcut -i 5-x -o - $B/data/good-cutsrc.rr
