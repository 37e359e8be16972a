$B/rrcut --dry-run --exact -i 2000-2500 $B/data/good-cutsrc.rr
