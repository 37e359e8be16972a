$B/rrdump -s -j - < $B/data/good-nofooter.rr
