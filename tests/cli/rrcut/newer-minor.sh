# A 1.5 log (event kind 42, unknown to 1.4): cut, split, merge and
# salvage keep it a valid 1.5 log, unknown events and all.  A 1.9 log
# with a header field this build does not know is refused (exit 2).
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/newer-minor-kind.rr "$t/in.rr"
cp $B/data/newer-minor.rr "$t/new19.rr"
cd "$t" || exit 2
head -c 3000 in.rr >killed.rr
$X/rrcut -q -e 5- -o cut.rr in.rr; echo "cut: $?"
$X/rrcut -q --split --every 3000 -o p.rr in.rr; echo "split: $?"
$X/rrmerge -q -o m.rr p-*.rr; echo "merge: $?"
$X/rrcut -q --salvage -o s.rr killed.rr; echo "salvage: $?"
for f in cut.rr p-*.rr m.rr s.rr; do
	v=$($X/rrverify -q "$f"; echo "exit $?")
	echo "$f: $($X/rrdump -H "$f" | grep '^format') $($X/rrdump "$f" | grep -c unknown-42) unknown-42, verify $v"
done
$X/rrcut -q -i 0- -o x.rr new19.rr; echo "1.9 cut: $?"
