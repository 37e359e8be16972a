# Two QEMU logs one input byte apart ("hi" read as "hj"), then with a
# guest event apart too (a char-write result): the input is named as the
# candidate cause, the char-write as where the logs part.
$B/rrdiff $B/data/qemu-every-kind.qlog $B/data/qemu-input-byte.qlog
echo "status $?"
$B/rrdiff -C 1 $B/data/qemu-every-kind.qlog $B/data/qemu-guest-parts.qlog
echo "status $?"
$B/rrdiff -j $B/data/qemu-every-kind.qlog $B/data/qemu-guest-parts.qlog
