$B/rrcut -i 1500-2500 -o - $B/data/good-cutsrc.rr | $B/rrdump -H -
