$B/rrdump -bsj $B/data/bad-truncated.rr
