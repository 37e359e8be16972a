# replay --junit FILE: one test case for the replay, valid against
# formats/junit.xsd (xmllint): a pass; a failure for a divergence or
# damage (the message is the first problem, as stderr said it); an error
# for trouble.  The file is written whole, never over an input; one that
# cannot be written is refused before the replay runs (exit 125); run
# and record refuse --junit.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
# junit LABEL FILE CMD...: the status, the report, xmllint's verdict
junit() {
	label=$1
	x=$2
	shift 2
	"$@" >/dev/null 2>"$t/e"
	echo "$label: exit $?"
	sed -e "s|$t/|\$T/|g" -e 's/^/  stderr: /' "$t/e"
	sed "s|$t/|\$T/|g" "$x"
	xmllint --noout --schema formats/junit.xsd "$x" 2>&1 |
	    sed "s|$t/|\$T/|g"
}
$B/rremu record -q --rtc-base 2026-01-01 --checkpoint-interval 1000 \
    -o "$t/clock.rr" $B/guests/clock.elf </dev/null || exit
junit "matches" "$t/ok.xml" $B/rremu replay -q --junit "$t/ok.xml" \
    "$t/clock.rr"
n=$($B/rrdump -k clock "$t/clock.rr" | sed -n '1s/ .*//p')
[ -n "$n" ] || exit
$B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1 >/dev/null || exit
junit "diverges" "$t/bad.xml" $B/rremu replay -q --junit "$t/bad.xml" \
    "$t/bad.rr"
# A recording cut short: its blocks' offsets vary with the compressed
# keyframe, so numbers are masked.
$B/rremu record -q -B 1K --checkpoint-interval 5000 -o "$t/d.rr" \
    $B/guests/demo.elf <tests/guests/demo.in || exit
size=$(wc -c <"$t/d.rr")
head -c $((size - 1500)) "$t/d.rr" >"$t/cut.rr" || exit
junit "cut short" "$t/cut.xml" $B/rremu replay -q --junit "$t/cut.xml" \
    "$t/cut.rr" | sed -e 's/\(offset\|event\|icount\|its\) [0-9][0-9]*/\1 N/g' \
    -e 's/, [0-9][0-9]* events/, N events/'

junit "no log" "$t/none.xml" $B/rremu replay -q --junit "$t/none.xml" \
    "$t/nosuch.rr"
# Written whole: no temporary file is left beside the reports.
ls -A "$t" | grep -c 'tmp'
# Not written: a folder that does not exist, a folder, the log itself.
# The replay does not run (no guest output, nothing on stdout).
$B/rremu replay --junit "$t/no/j.xml" "$t/clock.rr" >"$t/o" 2>"$t/e"
echo "no folder: exit $? $(wc -c <"$t/o") bytes on stdout"
sed "s|$t/|\$T/|g" "$t/e"
$B/rremu replay -q --junit "$t" "$t/clock.rr" 2>"$t/e"
echo "a folder: exit $?"
sed "s|$t|\$T|g" "$t/e"
cp "$t/clock.rr" "$t/keep.rr"
$B/rremu replay -q --junit "$t/clock.rr" "$t/clock.rr" 2>"$t/e"
echo "onto the log: exit $?"
sed "s|$t/|\$T/|g" "$t/e"
cmp -s "$t/clock.rr" "$t/keep.rr" && echo "the log is untouched"
# A write that fails (a file size limit: EFBIG): exit 125, the record
# (last) says so, and nothing is left behind.
mkdir "$t/big" || exit
out=$( (trap '' XFSZ; ulimit -f 0; exec $B/rremu replay -qj \
    --junit "$t/big/j.xml" "$t/clock.rr" 2>&1); echo "rc=$?")
printf '%s\n' "$out" | sed -n -e "s|$t/|\$T/|g" -e '/^rremu:/p' -e '/^rc=/p' \
    -e 's/^{"type":"rremu_result".*"status":\([0-9]*\).*"problem":{"kind":"\([a-z]*\)".*/record: status \1, \2/p'
ls -A "$t/big" | wc -l
# Only replay takes --junit.
$B/rremu run -q --junit "$t/r.xml" $B/guests/hello.elf </dev/null 2>"$t/e"
echo "run --junit: exit $? $(head -n 1 "$t/e")"
$B/rremu record -q --junit "$t/r.xml" -o "$t/r.rr" $B/guests/hello.elf \
    </dev/null 2>"$t/e"
echo "record --junit: exit $? $(head -n 1 "$t/e")"
