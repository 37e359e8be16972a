# An input b has and a has not, the guest's events the same: the input
# is the candidate cause ("is not in a"), exit 1.
$B/rrdiff $B/data/qemu-causes-a.qlog $B/data/qemu-causes-extra.qlog
echo "status $?"
$B/rrdiff -j $B/data/qemu-causes-extra.qlog $B/data/qemu-causes-a.qlog
$B/rrdiff -a -j $B/data/qemu-causes-extra.qlog $B/data/qemu-causes-a.qlog
