# --html reads each log twice: not standard input.
$B/rrdiff --html - $B/data/good-diff-a.rr < $B/data/good-diff-a.rr
