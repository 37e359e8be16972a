$B/rremu run -q
