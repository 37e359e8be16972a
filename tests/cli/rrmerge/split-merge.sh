# Split in three, merge in another order: the original events again.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cd "$t" && $X/rrcut -q --split -n 3 -o p.rr good-cutsrc.rr &&
$X/rrmerge -o m.rr p-002.rr p-000.rr p-001.rr || exit
$X/rrdump good-cutsrc.rr > o.txt; $X/rrdump m.rr | cmp - o.txt && echo same events
