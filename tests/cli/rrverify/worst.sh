$B/rrverify $B/data/good-verify.rr $B/data/bad-v-cut-between.rr $B/data/unsupported-major.rr $B/data/bad-v-range.rr
