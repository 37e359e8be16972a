$B/rrmerge -o - - $B/data/good-cutsrc.rr < $B/data/good-cutsrc.rr
