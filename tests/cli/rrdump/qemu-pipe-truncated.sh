cat tests/fuzz/corpus/fuzz_qreplay/qemu72-hello-cut.bin | $B/rrdump -i 4000- -c 3 -
