$B/rrdiff --help
