$B/rrverify $B/data/bad-v-cut-between.rr
