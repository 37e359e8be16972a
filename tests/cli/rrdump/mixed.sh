$B/rrdump -e 184- $B/data/good-empty.rr $B/data/no-such-file.rr $B/data/bad-truncated.rr $B/data/good-snap.snap
