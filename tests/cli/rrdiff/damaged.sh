$B/rrdiff $B/data/good-verify.rr $B/data/bad-v-flip-payload.rr
