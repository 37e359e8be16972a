# replay --json: matched, stopped, diverged (where: icount, pc as 0x and
# 8 hex digits, event, the parts that differ, the last agreement),
# damaged (a log without END, a flipped byte) and trouble (no log).  The
# recording pins its clock (--rtc-base), so the divergence of a tampered
# read (tests/emu/tamper.c) is at the same place every time.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
go() {
	label=$1
	shift
	"$@" >"$t/o" 2>"$t/e"
	echo "$label: exit $?"
	sed -e "s|$t/|\$T/|g" -e "$mask" "$t/o"
	sed -e "s|$t/|\$T/|g" -e "$mask" -e 's/^/  stderr: /' "$t/e"
}
mask='s/^$//'
$B/rremu record -q --rtc-base 2026-01-01 --checkpoint-interval 1000 \
    -o "$t/clock.rr" $B/guests/clock.elf </dev/null || exit
go "replay -j" $B/rremu replay -j "$t/clock.rr"
go "replay -j -u" $B/rremu replay -qj -u 3000 "$t/clock.rr"
n=$($B/rrdump -k clock "$t/clock.rr" | sed -n '1s/ .*//p')
[ -n "$n" ] || exit
$B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1 >/dev/null || exit
go "replay -j tampered" $B/rremu replay -qj "$t/bad.rr"
# Damage: a recording cut short (no END) and a flipped byte in a block;
# their offsets vary with the compressed keyframe, so places are masked:
# N in messages, 0 (and pc 0x00000000) in the records, which stay JSON
# for make schema-check.
$B/rremu record -q -B 1K --checkpoint-interval 5000 -o "$t/d.rr" \
    $B/guests/demo.elf <tests/guests/demo.in || exit
size=$(wc -c <"$t/d.rr")
head -c $((size - 1500)) "$t/d.rr" >"$t/cut.rr" || exit
mask='s/"\(offset\|event\|icount\|events\)":[0-9][0-9]*/"\1":0/g; s/\(offset\|event\|icount\|its\) [0-9][0-9]*/\1 N/g; s/"pc":"0x[0-9a-f]*"/"pc":"0x00000000"/'
go "replay -j cut short" $B/rremu replay -qj "$t/cut.rr"
cp "$t/d.rr" "$t/f.rr"
off=$($B/rrdump --json --blocks "$t/d.rr" | sed -n '2s/.*"offset":\([0-9]*\).*/\1/p')
[ -n "$off" ] || exit
printf '\377' | dd of="$t/f.rr" bs=1 seek=$((off + 100)) conv=notrunc \
    2>/dev/null || exit
go "replay -j flipped" $B/rremu replay -qj "$t/f.rr"
go "replay -j missing" $B/rremu replay -j "$t/nosuch.rr"
