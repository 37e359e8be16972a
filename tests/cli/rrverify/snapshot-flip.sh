$B/rrverify -S $B/data/bad-snap-flip.snap
