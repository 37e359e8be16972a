# A picture is of one log.
$B/rrdump --html $B/data/good-basic.rr $B/data/good-gap.rr
