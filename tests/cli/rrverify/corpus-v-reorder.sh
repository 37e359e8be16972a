$B/rrverify $B/data/bad-v-reorder.rr
