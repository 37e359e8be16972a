$B/rrverify $B/data/bad-v-flip-trailer.rr
