$B/rremu --version
