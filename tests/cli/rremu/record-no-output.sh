$B/rremu record $B/guests/hello.elf </dev/null
