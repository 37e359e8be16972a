{ $B/rrdump -j $B/data/good-big.rr; echo "rrdump exit $?" >&2; } | head -1
