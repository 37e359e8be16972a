$B/rremu run $B/guests/hello.elf $B/guests/fault.elf </dev/null
