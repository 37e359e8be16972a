$B/rremu play $B/guests/hello.elf
