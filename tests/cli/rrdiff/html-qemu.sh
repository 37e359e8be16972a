# QEMU replay logs are not drawn (exit 2).
$B/rrdiff --html $B/data/qemu-every-kind.qlog $B/data/qemu-input-byte.qlog
