$B/rrdump tests/fuzz/corpus/fuzz_qreplay/every-kind.bin
