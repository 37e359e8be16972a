$B/rremu run -q $B/guests/hello.elf </dev/null
