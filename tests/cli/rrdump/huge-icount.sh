# Counts past what a signed 64-bit JSON integer holds are decimal strings.
$B/rrdump --json --stats $B/data/good-huge-icount.rr
$B/rrdump --json -k clock,end $B/data/good-huge-icount.rr
$B/rrdump --stats $B/data/good-huge-icount.rr | grep icount
