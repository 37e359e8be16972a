# --host-from a file that cannot give the guest's host values: refused
# before the run starts with a message naming the file, exit 125, and
# no log written; the known-good log itself is never written over.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
E=$B/rremu
G=$B/guests
P="--rtc-base 2026-01-01 --entropy-seed 3"
$E record -q $P -o "$t/good.rr" $G/demo.elf <tests/guests/demo.in || exit
$E record -q $P -o "$t/hello.rr" $G/hello.elf </dev/null || exit
cp "$t/good.rr" "$t/good.copy"
# flip FILE OFFSET: one byte of FILE changed in place
flip() {
	v=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' ')
	printf "\\$(printf %03o $((v ^ 0x55)))" |
	    dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
cp "$t/good.rr" "$t/flipped.rr"
off=$($B/rrdump -b "$t/good.rr" | sed -n '1s/.* offset=\([0-9]*\) .*/\1/p')
flip "$t/flipped.rr" $((off + 100))
size=$(wc -c <"$t/good.rr")
head -c $((size - 30)) "$t/good.rr" >"$t/short.rr"
head -c 4000 "$t/good.rr" >"$t/killed.rr"
$B/rrcut -q -e 5- -o "$t/cut.rr" "$t/good.rr" || exit
printf 'not a log\n' >"$t/text"
# try WHAT FILE: record the demo with --host-from FILE
try() {
	$E record -q --host-from "$2" -o "$t/out.rr" $G/demo.elf \
	    <tests/guests/demo.in 2>"$t/err"
	echo "$1: exit $?"
	sed -e "s|$t/|\$T/|g" -e 's/offset [0-9]*/offset N/g' \
	    -e 's/(.* of .* bytes)/(X of Y bytes)/' "$t/err"
	[ -e "$t/out.rr" ] && echo "$1: a log was written" && rm "$t/out.rr"
}
try "no such file" "$t/nonesuch.rr"
try "a text file" "$t/text"
try "a snapshot" $B/data/good-snap.snap
mkdir "$t/dir"
try "a folder" "$t/dir"
try "another guest's log" "$t/hello.rr"
try "a damaged block" "$t/flipped.rr"
try "cut short at its end" "$t/short.rr"
try "a killed recorder's" "$t/killed.rr"
try "a cut" "$t/cut.rr"
# Written over by its own re-recording: refused, whatever the name.
$E record -q --host-from "$t/good.rr" -o "$t/./good.rr" $G/demo.elf \
    <tests/guests/demo.in 2>"$t/err"
echo "output is the known-good log: exit $?"
sed "s|$t/|\$T/|g" "$t/err"
cmp "$t/good.rr" "$t/good.copy" && echo "the known-good log is unchanged"
# Replay takes its values from its log; dtb has none.
$E replay -q --host-from "$t/good.rr" "$t/good.rr" 2>"$t/err"
echo "replay --host-from: exit $?"
head -n 1 "$t/err"
$E replay -q --rtc-base 2026-01-01 "$t/good.rr" 2>/dev/null
echo "replay --rtc-base: exit $?"
$E dtb --entropy-seed 1 -o "$t/x.dtb" 2>"$t/err"
echo "dtb --entropy-seed: exit $?"
head -n 1 "$t/err"
# A snapshot of a run without pinned inputs cannot say where its guest
# is among the known-good log's values.
$E run -q -u 50000 -S "$t/plain.snap" $G/demo.elf <tests/guests/demo.in \
    2>/dev/null
$E record -q --host-from "$t/good.rr" -L "$t/plain.snap" -o "$t/out.rr" \
    $G/demo.elf </dev/null 2>"$t/err"
echo "-L an unpinned run's snapshot: exit $?"
sed "s|$t/|\$T/|g" "$t/err"
[ -e "$t/out.rr" ] && echo "a log was written"
exit 0
