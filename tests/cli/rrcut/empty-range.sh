$B/rrcut -i 5000- -o - $B/data/good-cutsrc.rr
