$B/rrcut -x -o out.rr $B/data/good-cutsrc.rr
