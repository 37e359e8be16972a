$B/rrcut -i 0- --split -n 2 -o p.rr $B/data/good-cutsrc.rr
