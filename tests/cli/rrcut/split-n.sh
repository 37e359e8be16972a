# --split -n 3: pieces OUT-000.rr ... from -o OUT.rr, each a cut.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/good-cutsrc.rr $B/data/bad-cutsrc-flip.rr $B/data/bad-piece-gap.rr $B/data/bad-piece-otherid.rr "$t"
cd "$t" && $X/rrcut --split -n 3 -o p.rr good-cutsrc.rr || exit
ls
for f in p-*.rr; do $X/rrdump -H "$f" | grep origin_; $X/rrdump -e '~1' "$f"; done
