$B/rrdiff -h
