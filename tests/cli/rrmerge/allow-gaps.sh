# The gap of gap.sh, marked with --allow-gaps: written, the gap event
# where the cut ends, the piece after it from its keyframe on.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-piece-gap.rr "$t"
cd "$t" && $X/rrcut -q -i 0-1500 -o a.rr good-cutsrc.rr &&
$X/rrmerge --allow-gaps -o m.rr bad-piece-gap.rr a.rr || exit
$X/rrdump -H m.rr | grep -e '^format' -e '^gaps' -e '^origin'
$X/rrdump -e 42-47 m.rr
$X/rrdump -s m.rr | grep -e '^events'
