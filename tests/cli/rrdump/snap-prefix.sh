# A snapshot cut inside its magic is a truncated snapshot, not "not a log".
for n in 4 7; do
	head -c $n $B/data/good-snap.snap > "${TMPDIR:-/tmp}/rrdump-prefix.$$"
	$B/rrdump "${TMPDIR:-/tmp}/rrdump-prefix.$$" 2>&1 | sed 's|^rrdump: [^:]*:|rrdump: FILE:|'
	head -c $n $B/data/good-snap.snap | $B/rrdump -
	echo "status $?"
done
rm -f "${TMPDIR:-/tmp}/rrdump-prefix.$$"
