$B/rrcut -h
