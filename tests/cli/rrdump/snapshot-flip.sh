cat $B/data/bad-snap-flip.snap | $B/rrdump -j
