$B/rremu record -B 100 -o $B/no-such-dir/x.rr $B/guests/hello.elf </dev/null
