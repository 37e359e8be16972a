# -o where no file can be made: exit 2, nothing written.
$B/rrdump --svg -o /nonexistent/dir/t.svg $B/data/good-basic.rr
