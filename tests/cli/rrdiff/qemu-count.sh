# -c N on QEMU logs: at most N independent differences (implies -a);
# the second cause is not looked for.
D=$B/data
$B/rrdiff -c 1 $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
$B/rrdiff --count 2 -j $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
$B/rrdiff -c 0 $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
