$B/rrverify $B/data/bad-v-flip-payload.rr
