$B/rrmerge -V
