$B/rremu run -o $B/no-such-dir/x.rr $B/guests/hello.elf </dev/null
