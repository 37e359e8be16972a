# One picture at a time.
$B/rrdump --html --svg $B/data/good-basic.rr
