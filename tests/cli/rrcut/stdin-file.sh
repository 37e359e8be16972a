$B/rrcut -q -e 30-40 -o - - < $B/data/good-cutsrc.rr | $B/rrdump -
