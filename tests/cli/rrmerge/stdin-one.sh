$B/rrmerge -q -o - - < $B/data/good-cutsrc.rr | $B/rrdump -s - | grep "^events ="
