# A snapshot on standard input, from a file or a pipe, compares as the
# snapshot it is: the same (0), or field by field (1); with --at too.
$B/rrdiff $B/data/good-snap.snap - <$B/data/good-snap.snap
echo "same, from a file: $?"
cat $B/data/good-snap-other.snap >"${TMPDIR:-/tmp}/rrdiff-stdin.$$"
$B/rrdiff - $B/data/good-snap.snap <"${TMPDIR:-/tmp}/rrdiff-stdin.$$"
echo "other, from a file: $?"
rm -f "${TMPDIR:-/tmp}/rrdiff-stdin.$$"
cat $B/data/good-snap-other.snap | $B/rrdiff -q $B/data/good-snap.snap -
echo "other, from a pipe: $?"
echo garbage | $B/rrdiff - $B/data/good-snap.snap
echo "neither: $?"
