$B/rrcut -i 0- -e 0- -o - $B/data/good-cutsrc.rr
