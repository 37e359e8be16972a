$B/rremu record -b 100 -o $B/no-such-dir/x.rr $B/guests/hello.elf </dev/null
