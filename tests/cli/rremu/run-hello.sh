$B/rremu run $B/guests/hello.elf </dev/null
