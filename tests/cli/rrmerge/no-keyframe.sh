$B/rrmerge -o - $B/data/good-big.rr $B/data/good-cutsrc.rr
