$B/rrdump -H -s tests/fuzz/corpus/fuzz_qreplay/every-kind.bin tests/fuzz/corpus/fuzz_qreplay/qemu72-timer-nohdr.bin
