$B/rrdump -e 180- $B/data/bad-truncated.rr
