# A QEMU log against itself cut short: where one ends, and the damage.
Q=tests/fuzz/corpus/fuzz_qreplay
$B/rrdiff -C 2 $Q/qemu72-hello.bin - < $Q/qemu72-hello-cut.bin
