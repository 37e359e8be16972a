$B/rrverify --replay tests/fuzz/corpus/fuzz_qreplay/qemu72-hello.bin
