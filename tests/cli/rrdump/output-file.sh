# -o: the output goes to the file, whole (the text dump too), and
# nothing else is left in its folder.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump -o "$t/dump.txt" -c 3 $B/data/good-basic.rr || exit
$B/rrdump --trace-events -o "$t/trace.json" $B/data/good-basic.rr || exit
ls "$t"
cat "$t/dump.txt"
$B/rrdump --trace-events $B/data/good-basic.rr >"$t/stdout.json" || exit
cmp "$t/stdout.json" "$t/trace.json" && echo same
