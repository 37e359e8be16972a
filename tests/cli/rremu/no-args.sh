$B/rremu
