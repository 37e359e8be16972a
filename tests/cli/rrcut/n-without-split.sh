$B/rrcut -n 2 -o - $B/data/good-cutsrc.rr
