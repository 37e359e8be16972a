$B/rrverify $B/data/bad-v-index-lies.rr
