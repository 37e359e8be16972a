$B/rrverify $B/data/bad-v-flip-index.rr
