# -b with ranges counted from the end lists only the blocks they reach.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rrdump -b -e '~1' $B/data/good-blocks.rr
echo "status $?"
$B/rrdump -b -i '~100-' $B/data/good-blocks.rr
echo "status $?"
$B/rrdump -b -e '~1000-' $B/data/good-blocks.rr >"$t/o"
echo "status $?"
wc -l <"$t/o"
