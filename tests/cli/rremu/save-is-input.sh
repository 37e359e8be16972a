# -S never writes a snapshot over a file of the run, checked before the
# run starts: the ELF, the -L snapshot, the log replayed.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
cp $B/guests/hello.elf "$t/g.elf"
$B/rremu run -q -u 500 -S "$t/g.elf" "$t/g.elf" </dev/null >"$t/o" 2>&1
echo "run -S over the ELF: $?"
sed "s|$t|\$T|" "$t/o"
cmp -s "$t/g.elf" $B/guests/hello.elf && echo "ELF intact"
$B/rremu run -q -u 500 -S "$t/s.snap" "$t/g.elf" </dev/null 2>/dev/null
echo "run -S: $?"
cp "$t/s.snap" "$t/keep.snap"
$B/rremu run -q -L "$t/s.snap" -u 900 -S "$t/s.snap" "$t/g.elf" \
    </dev/null >"$t/o" 2>&1
echo "run -L -S the same: $?"
sed "s|$t|\$T|" "$t/o"
cmp -s "$t/s.snap" "$t/keep.snap" && echo "snapshot intact"
$B/rremu record -q -o "$t/x.rr" "$t/g.elf" </dev/null || exit
cp "$t/x.rr" "$t/keep.rr"
$B/rremu replay -q -u 500 -S "$t/x.rr" "$t/x.rr" >"$t/o" 2>&1
echo "replay -S over the log: $?"
sed "s|$t|\$T|" "$t/o"
cmp -s "$t/x.rr" "$t/keep.rr" && echo "log intact"
