# At most 256 pieces at once, said with the number; -o "" is refused.
L=$B/data/good-cutsrc.rr
t=$(mktemp) && trap 'rm -f "$t"' EXIT
$B/rrmerge -o "" $L 2>"$t"
echo "exit $?: $(head -n 1 "$t")"
set --
i=0
while [ $i -lt 257 ]; do set -- "$@" $L; i=$((i + 1)); done
$B/rrmerge -o - "$@" >/dev/null 2>"$t"
echo "exit $?: $(head -n 1 "$t")"
