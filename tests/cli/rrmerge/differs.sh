$B/rrmerge -o - $B/data/bad-piece-differs.rr $B/data/good-cutsrc.rr
