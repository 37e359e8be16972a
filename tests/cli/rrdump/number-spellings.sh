# One number, every spelling (rr(7), "Numbers"): the same events.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump -i 1000-2000 -c 3 $B/data/good-cutsrc.rr
for r in 1000-2000 1_000-2_000 1K-2K 1.0K-2.0k 0x3e8-0x7d0 0.001M-0.002M; do
	$B/rrdump -i "$r" -c 2_0 $B/data/good-cutsrc.rr >"$t/o"
	echo "$r: status $? $(md5sum <"$t/o")"
done
# Refused: not whole, '_' not between digits, a unit of its own.
for r in 1.0005K- 1_- _1- 1KB- 1.5-; do
	$B/rrdump -i "$r" $B/data/good-cutsrc.rr; echo "status $?"
done
