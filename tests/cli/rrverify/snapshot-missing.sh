$B/rrverify -S $B/data/no-such.snap
