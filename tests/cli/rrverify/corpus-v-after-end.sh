$B/rrverify $B/data/bad-v-after-end.rr
