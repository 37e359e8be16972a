# A log whose keyframes are not snapshots (checksums all right): every
# edit refuses it with exit 1 and the offset, and writes nothing; a
# salvage keeps nothing.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
cp $B/data/bad-fake-keyframe.rr "$t/in.rr"
cd "$t" || exit 2
$X/rrcut -q -i 0- -o cut.rr in.rr; echo "cut: $?"
$X/rrcut -q -e 25- -o late.rr in.rr; echo "cut from the second keyframe: $?"
$X/rrcut -q --split -n 2 -o p.rr in.rr; echo "split: $?"
$X/rrcut -q --salvage -o s.rr in.rr; echo "salvage: $?"
$X/rrmerge -q -o m.rr in.rr; echo "merge: $?"
ls
