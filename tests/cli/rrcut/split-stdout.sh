$B/rrcut --split -n 2 -o - $B/data/good-cutsrc.rr
