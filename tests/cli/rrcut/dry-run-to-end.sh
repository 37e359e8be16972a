$B/rrcut --dry-run -i 2999- $B/data/good-cutsrc.rr
