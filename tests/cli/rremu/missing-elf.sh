$B/rremu run $B/guests/no-such.elf </dev/null
