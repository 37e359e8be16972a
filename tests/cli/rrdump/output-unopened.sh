# -o of a log whose header is damaged: exit 1, and no output file (not an
# empty one).
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrdump --svg -o "$t/x.svg" $B/data/bad-magic.rr
echo "exit $?"
ls "$t"
