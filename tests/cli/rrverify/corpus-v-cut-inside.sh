$B/rrverify $B/data/bad-v-cut-inside.rr
