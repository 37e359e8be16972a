cat $B/data/good-snap.snap | $B/rrdump
