$B/rremu replay $B/guests/no-such.rr
