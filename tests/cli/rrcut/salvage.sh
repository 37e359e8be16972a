# A killed recorder's log: keep what is before the damage, say what was
# lost, exit 1; the result is closed and readable to its END.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrcut --salvage -o "$t/s.rr" $B/data/bad-killed.rr
st=$?
$B/rrdump -e '~3-' "$t/s.rr"
exit $st
