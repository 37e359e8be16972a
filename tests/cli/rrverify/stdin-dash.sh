cat $B/data/bad-v-reorder.rr | $B/rrverify -
