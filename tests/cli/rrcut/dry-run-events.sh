$B/rrcut --dry-run -e "~30-~10" $B/data/good-cutsrc.rr
