# --html is a view of its own: not with -j (or -s, -b, -H, --svg).
$B/rrdump --html -j $B/data/good-basic.rr
