$B/rremu replay tests/guests/README
