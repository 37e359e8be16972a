$B/rrverify $B/data/bad-v-flags.rr
