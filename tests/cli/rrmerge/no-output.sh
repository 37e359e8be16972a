$B/rrmerge $B/data/good-cutsrc.rr
