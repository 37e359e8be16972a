$B/rrcut --split -o p.rr $B/data/good-cutsrc.rr
