$B/rrcut -e 0-5 -o /nonexistent/x.rr tests/fuzz/corpus/fuzz_qreplay/qemu72-hello.bin
