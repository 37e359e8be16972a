# A kind is one byte of the log, 0 to 255: others are refused (exit 2).
$B/rrdump -k 300 $B/data/good-basic.rr; echo "300: exit $?"
$B/rrdump -k 0 $B/data/good-basic.rr; echo "0 (none, but a kind): exit $?"
$B/rrdump -k '^unknown-256' $B/data/good-basic.rr; echo "unknown-256: exit $?"
$B/rrdump -k 255 $B/data/good-basic.rr; echo "255: exit $?"
