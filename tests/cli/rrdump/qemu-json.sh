$B/rrdump -j tests/fuzz/corpus/fuzz_qreplay/every-kind.bin
