$B/rrdiff tests/fuzz/corpus/fuzz_qreplay/qemu72-hello.bin tests/fuzz/corpus/fuzz_qreplay/qemu72-hello.bin
