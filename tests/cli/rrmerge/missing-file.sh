$B/rrmerge -o - $B/data/no-such-file.rr
