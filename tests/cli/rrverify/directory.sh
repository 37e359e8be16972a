$B/rrverify $B/data
