$B/rrcut --dry-run --split --size 400 -o p.rr $B/data/good-cutsrc.rr
