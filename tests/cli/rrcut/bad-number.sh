$B/rrcut --split -n zero -o p.rr $B/data/good-cutsrc.rr
