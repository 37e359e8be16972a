$B/rremu run --shift 99 $B/guests/hello.elf </dev/null
