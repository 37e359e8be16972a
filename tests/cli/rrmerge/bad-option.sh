$B/rrmerge -z -o - $B/data/good-cutsrc.rr
