$B/rremu replay --help
