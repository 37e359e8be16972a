$B/rrdump -h
