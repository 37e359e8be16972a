# The output names the input: refused, the input untouched.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cp $B/data/good-cutsrc.rr "$t/in.rr"
cd "$t" && $X/rrcut -i 0- -o in.rr in.rr
st=$?
cmp -s in.rr good-cutsrc.rr && echo "input unchanged"
exit $st
