$B/rrdump tests/data
