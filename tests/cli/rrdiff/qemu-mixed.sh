# A QEMU log and an rr log do not compare (with -a and -e too); --exact
# and --at do not apply.
Q=tests/fuzz/corpus/fuzz_qreplay
$B/rrdiff $Q/qemu72-hello.bin $B/data/good-basic.rr
echo "status $?"
$B/rrdiff --exact $Q/qemu72-hello.bin $Q/qemu72-hello.bin
echo "status $?"
$B/rrdiff -t 100 $Q/qemu72-hello.bin $Q/qemu72-hello.bin
echo "status $?"
$B/rrdiff -a -e '~5' $B/data/good-basic.rr $Q/qemu72-hello.bin
echo "status $?"
$B/rrdiff -k ^clock-host $Q/qemu72-hello.bin $Q/qemu72-hello.bin
