# A cut that ends before the next piece starts: a gap, refused, no file.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cd "$t" && $X/rrcut -q -i 0-1500 -o a.rr good-cutsrc.rr &&
$X/rrmerge -o m.rr a.rr bad-piece-gap.rr
st=$?
ls
exit $st
