: | $B/rrdump
