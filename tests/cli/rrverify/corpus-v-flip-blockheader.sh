$B/rrverify $B/data/bad-v-flip-blockheader.rr
