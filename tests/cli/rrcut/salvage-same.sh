# A killed recorder whose lost events are all at the icount the salvage
# ends at: no instructions are lost, and the report says so (not
# "instructions 1010 to 1010"); exit 1, the result closed.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrcut --salvage -o "$t/s.rr" $B/data/bad-killed-same.rr
st=$?
$B/rrdump -e '~2-' "$t/s.rr"
exit $st
