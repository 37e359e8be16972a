$B/rrdiff -V
