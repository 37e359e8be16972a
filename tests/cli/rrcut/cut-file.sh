# A cut to a file: written through a temporary file, then renamed; the
# directory holds nothing else afterwards.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rrcut -i 1100-1300 -o "$t/cut.rr" $B/data/good-cutsrc.rr || exit
ls "$t"
$B/rrdump -H "$t/cut.rr"
