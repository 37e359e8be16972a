$B/rrverify $B/data/bad-event-length.rr
