# -a on QEMU logs: every input that differs is a cause of its own, with
# the first guest event that parts after it as its effect; what follows
# is counted (an input 2 instructions late is a consequence, shifted).
D=$B/data
$B/rrdiff -a $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
$B/rrdiff --all -j $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
# The same logs: no difference, and the count line says so.
$B/rrdiff -a $D/qemu-causes-a.qlog $D/qemu-causes-a.qlog
echo "status $?"
# An input b has alone, after the guest's last event: a cause.
$B/rrdiff -a $D/qemu-causes-a.qlog $D/qemu-causes-extra.qlog
echo "status $?"
$B/rrdiff -a $D/qemu-causes-extra.qlog $D/qemu-causes-a.qlog
