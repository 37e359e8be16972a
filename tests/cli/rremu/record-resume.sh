# A recording stopped at 10000 and another resumed from its snapshot: the
# outputs make the whole run's, and the second log replays on its own.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu run $B/guests/timer.elf </dev/null >"$t/full" || exit
$B/rremu record -u 10000 -S "$t/s.snap" -o "$t/1.rr" $B/guests/timer.elf \
    </dev/null >"$t/a" 2>"$t/err"
echo "record 1: $?"
sed 's/pc 0x[0-9a-f]*/pc PC/' "$t/err" >&2
$B/rremu record -L "$t/s.snap" -o "$t/2.rr" $B/guests/timer.elf \
    </dev/null >"$t/b"
echo "record 2: $?"
cat "$t/a" "$t/b" | cmp - "$t/full" && echo "record 1 + record 2 = whole"
$B/rremu replay -v "$t/2.rr" >"$t/c" 2>"$t/err"
echo "replay 2: $?"
sed -e "s|$t/|\$T/|g" -e 's/[0-9][0-9]* instructions, [0-9][0-9]* events/N instructions, N events/' "$t/err" >&2
cmp "$t/b" "$t/c" && echo "replay 2 = record 2"
$B/rrdump -k end "$t/1.rr" >"$t/end"
echo "rrdump: $?"
sed 's/^[0-9]* //' "$t/end"
$B/rrdump -H "$t/1.rr" >"$t/h1" || echo "rrdump -H 1: $?"
$B/rrdump -H "$t/2.rr" >"$t/h2" || echo "rrdump -H 2: $?"
id1=$(grep '^recording_id' "$t/h1")
id2=$(grep '^recording_id' "$t/h2")
[ -n "$id1" ] && [ "$id1" = "$id2" ] && echo "one recording id"
