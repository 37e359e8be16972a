$B/rrverify --json $B/data/bad-v-cut-inside.rr
