$B/rrcut -V
