$B/rrdump --help
