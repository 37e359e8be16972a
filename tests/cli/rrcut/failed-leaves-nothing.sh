# A cut that fails half way (damage inside the range) leaves no file.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cd "$t" && $X/rrcut -i 0- -o out.rr bad-cutsrc-flip.rr
st=$?
ls
exit $st
