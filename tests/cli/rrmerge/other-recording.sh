$B/rrmerge -o - $B/data/good-cutsrc.rr $B/data/bad-piece-otherid.rr
