$B/rremu run -m 3 $B/guests/hello.elf </dev/null
