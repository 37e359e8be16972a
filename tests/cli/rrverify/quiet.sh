$B/rrverify -q $B/data/bad-v-dup.rr $B/data/good-verify.rr
