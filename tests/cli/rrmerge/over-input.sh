t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cp $B/data/good-cutsrc.rr "$t/a.rr"
cd "$t" && $X/rrmerge -o a.rr a.rr
