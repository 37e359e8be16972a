# Damage in the middle, a keyframe after it: the salvage keeps both
# stretches with a gap between, says exactly what was lost, exits 1;
# the output verifies valid, with a note.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrcut --salvage -o "$t/s.rr" $B/data/bad-salvage-resume.rr
st=$?
$B/rrdump -e 9-13 "$t/s.rr"
$B/rrdump -e '~1' "$t/s.rr"
$B/rrverify "$t/s.rr" | sed "s|$t/||"
exit $st
