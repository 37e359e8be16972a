# --size is bytes: 1.5K is 1536, as 1536 and 0x600 are.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
for s in 1536 1.5K 0x600 1_536; do
	$B/rrcut --split --size "$s" --dry-run -o "$t/p.rr" $B/data/good-cutsrc.rr >"$t/o"
	echo "$s: status $? $(wc -l <"$t/o") pieces"
done
$B/rrcut --split --size 1.5001K --dry-run -o "$t/p.rr" $B/data/good-cutsrc.rr
echo "status $?"
