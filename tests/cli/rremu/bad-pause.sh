$B/rremu run -P 1000,,2000 $B/guests/hello.elf </dev/null
