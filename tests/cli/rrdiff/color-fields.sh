# --color=always: the names of the snapshot fields that differ are bold.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu run -q -u 5000 -S "$t/a.snap" $B/guests/compute.elf 2>/dev/null
$B/rremu run -q -u 9000 -S "$t/b.snap" $B/guests/compute.elf 2>/dev/null
$B/rrdiff --color=always "$t/a.snap" "$t/b.snap" >"$t/out"
echo "rc=$?"
sed -e "s|$t/|\$T/|g" -e "s/$(printf '\033')/^[/g" "$t/out"
