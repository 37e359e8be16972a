$B/rrverify $B/data/bad-v-keyframe-hash.rr
