$B/rrcut --salvage -o - $B/data/good-cutsrc.rr | $B/rrdump -s - | grep "^events ="
