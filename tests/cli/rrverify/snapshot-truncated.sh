$B/rrverify -j -S $B/data/bad-snap-truncated.snap
