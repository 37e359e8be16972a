$B/rrdump -s $B/data/good-nofooter.rr
