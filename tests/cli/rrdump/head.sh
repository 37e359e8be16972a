{ $B/rrdump $B/data/good-big.rr; echo "rrdump exit $?" >&2; } | head -3
