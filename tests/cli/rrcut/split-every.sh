t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cd "$t" && $X/rrcut -q --split --every 2000 -o piece good-cutsrc.rr || exit
ls
