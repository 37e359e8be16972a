# An overlap whose first piece is damaged part way through: the merge
# stops at the damage (exit 1, its offset), writes nothing, and frees
# what it held (LeakSanitizer in the SAN=1 build).
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrmerge -o "$t/m.rr" $B/data/bad-cutsrc-flip.rr $B/data/good-cutsrc.rr
st=$?
ls "$t"
exit $st
