# A bad range is a usage error with --html too.
$B/rrdump --html -i 10-5 $B/data/good-basic.rr
