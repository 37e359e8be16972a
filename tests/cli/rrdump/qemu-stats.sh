$B/rrdump -H -s $B/data/qemu-every-kind.qlog tests/fuzz/corpus/fuzz_qreplay/qemu72-timer-nohdr.bin
