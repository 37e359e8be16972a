$B/rrverify $B/data/bad-v-icount-past.rr
