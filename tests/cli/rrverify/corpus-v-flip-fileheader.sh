$B/rrverify $B/data/bad-v-flip-fileheader.rr
