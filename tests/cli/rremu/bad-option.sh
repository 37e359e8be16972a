$B/rremu run -x $B/guests/hello.elf </dev/null
