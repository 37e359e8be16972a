$B/rremu -h
