# A snapshot cut inside its magic is a truncated snapshot, not "not a log".
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
for n in 4 7; do
	head -c $n $B/data/good-snap.snap > "$t/prefix"
	$B/rrdump "$t/prefix" 2>"$t/e"
	echo "status $?"
	sed 's|^rrdump: [^:]*:|rrdump: FILE:|' "$t/e"
	head -c $n $B/data/good-snap.snap | $B/rrdump -
	echo "status $?"
done
