$B/rrverify $B/data/good-verify.rr $B/data/bad-v-cut-between.rr
