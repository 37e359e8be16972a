$B/rrmerge -o -
