# --force merges a piece of another recording when its events agree.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cd "$t" && $X/rrcut -q -i 0-999 -o a.rr good-cutsrc.rr &&
$X/rrmerge -f -o m.rr bad-piece-otherid.rr a.rr && $X/rrdump -s m.rr | grep "^events ="
