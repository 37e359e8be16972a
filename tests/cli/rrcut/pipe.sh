cat $B/data/good-cutsrc.rr | $B/rrcut -q -i 0- -o - -
