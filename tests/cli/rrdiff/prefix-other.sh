$B/rrdiff $B/data/bad-v-cut-inside.rr $B/data/good-verify.rr
