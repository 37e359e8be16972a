$B/rrverify $B/data/bad-v-dup.rr
