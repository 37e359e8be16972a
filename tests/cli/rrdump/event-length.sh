$B/rrdump $B/data/bad-event-length.rr
