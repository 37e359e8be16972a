$B/rrverify -j tests/fuzz/corpus/fuzz_qreplay/qemu72-hello.bin tests/fuzz/corpus/fuzz_qreplay/qemu72-timer-nohdr.bin
