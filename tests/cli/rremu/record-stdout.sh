# -o - writes the log to standard output (with -q).  Icounts masked: they
# depend on the guest's code.
$B/rremu record -q -o - $B/guests/hello.elf </dev/null |
    $B/rrdump -k output,end | sed 's/^\([0-9]*\) [0-9]* /\1 N /'
