# One view of a log's end: bytes after a closed log, or a damaged
# footer.  rrdump, rrdiff, rrverify, rremu replay and rrcut --salvage
# all say so (rremu 125, the others 1), and their messages name the same
# offset: where the real log ends.  The salvage keeps every event and
# verifies.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/h.rr" $B/guests/hello.elf >/dev/null || exit 2
cp "$t/h.rr" "$t/junk.rr" && printf 'JUNK' >>"$t/junk.rr"
cp "$t/h.rr" "$t/foot.rr"
sz=$(wc -c <"$t/foot.rr")
printf '\125' | dd of="$t/foot.rr" bs=1 seek=$((sz - 30)) conv=notrunc 2>/dev/null
for f in junk foot; do
	L=$t/$f.rr
	$B/rrdump "$L" >/dev/null 2>"$t/e1"; d=$?
	$B/rrdiff "$t/h.rr" "$L" >/dev/null 2>"$t/e2"; f2=$?
	$B/rrverify -q "$L" 2>"$t/e3"; v=$?
	$B/rremu replay -q "$L" >/dev/null 2>"$t/e4"; r=$?
	$B/rrcut -q --salvage -o "$t/s.rr" "$L" 2>"$t/e5"; s=$?
	$B/rrverify -q "$t/s.rr"; sv=$?
	echo "$f: rrdump $d, rrdiff $f2, rrverify $v, rremu replay $r, salvage $s (its output: rrverify $sv)"
	grep -h -o 'offset [0-9]*' "$t/e1" "$t/e2" "$t/e4" "$t/e5" | sort -u | wc -l |
	    sed 's/^/  offsets named by dump, diff, replay, salvage: /'
	grep -h 'kept every event' "$t/e5" | sed 's/.*: kept/  salvage: kept/; s/icount [0-9]*/icount N/; s/lost [0-9]* bytes from offset [0-9]*/lost B bytes from offset O/'
done
