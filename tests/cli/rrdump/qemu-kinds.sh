$B/rrdump -k 'shutdown,^shutdown-host-signal,checkpoint-init,27' -e 0-40 tests/fuzz/corpus/fuzz_qreplay/every-kind.bin
