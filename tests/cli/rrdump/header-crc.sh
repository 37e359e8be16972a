$B/rrdump -H $B/data/bad-header-crc.rr
