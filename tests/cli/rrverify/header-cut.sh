# A log cut inside its fixed file header (magic whole): truncated at the
# cut, one problem, and nothing read past it (no block looked for).
B=$(cd "$B" && pwd) || exit 2
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
for n in 9 15; do
	head -c $n $B/data/good-basic.rr > "$t/h.rr"
	(cd "$t" && $B/rrverify -j h.rr)
	echo "status $?"
	head -c $n $B/data/good-basic.rr | $B/rrverify -
	echo "status $?"
done
