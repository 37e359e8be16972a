$B/rremu run tests/guests/README </dev/null
