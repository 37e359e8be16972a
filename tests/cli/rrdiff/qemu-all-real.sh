# -a on two logs QEMU 7.2 wrote (hello, and hello cut inside an event):
# one log ends, which is a difference with no cause; the 29 events of
# the guest's that b has not are counted as having no partner.
Q=tests/fuzz/corpus/fuzz_qreplay
$B/rrdiff -a -C 2 $Q/qemu72-hello.bin $Q/qemu72-hello-cut.bin
echo "status $?"
$B/rrdiff -a -j $Q/qemu72-hello.bin - < $Q/qemu72-hello-cut.bin
echo "status $?"
$B/rrdiff -a $Q/qemu72-hello.bin $Q/qemu72-hello.bin
