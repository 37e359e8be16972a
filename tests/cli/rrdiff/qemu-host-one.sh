# Exactly one host value differs (the first clock-host read): counted,
# the guest's events agree; exit 1.
$B/rrdiff $B/data/qemu-every-kind.qlog $B/data/qemu-host-value.qlog
echo "status $?"
$B/rrdiff -a $B/data/qemu-every-kind.qlog $B/data/qemu-host-value.qlog
echo "status $?"
$B/rrdiff -j $B/data/qemu-every-kind.qlog $B/data/qemu-host-value.qlog
