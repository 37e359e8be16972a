$B/rrcut -i 0- -o - $B/data/bad-cutsrc-flip.rr
