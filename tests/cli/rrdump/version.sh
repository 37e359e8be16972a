$B/rrdump --version
