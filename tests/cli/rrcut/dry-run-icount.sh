$B/rrcut --dry-run -i 1500-2500 $B/data/good-cutsrc.rr
