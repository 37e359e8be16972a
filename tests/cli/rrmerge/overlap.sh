# Two cuts that overlap: checked event for event and joined.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cd "$t" && $X/rrcut -q -i 0-2600 -o a.rr good-cutsrc.rr &&
$X/rrcut -q -i 1200- -o b.rr good-cutsrc.rr &&
$X/rrmerge -o m.rr b.rr a.rr || exit
$X/rrdump good-cutsrc.rr > o.txt; $X/rrdump m.rr | cmp - o.txt && echo same events
