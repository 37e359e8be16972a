# A QEMU replay log is not drawn (exit 2).
$B/rrdump --svg $B/data/qemu-every-kind.qlog
