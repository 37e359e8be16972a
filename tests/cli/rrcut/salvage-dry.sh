$B/rrcut --salvage --dry-run $B/data/bad-killed.rr
