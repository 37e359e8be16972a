$B/rrverify $B/data/bad-v-range.rr
