$B/rrdump -e '~2' tests/fuzz/corpus/fuzz_qreplay/every-kind.bin
