$B/rrcut -i 0- $B/data/good-cutsrc.rr
