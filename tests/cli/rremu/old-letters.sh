# Letters rremu gave up because they mean something else in the other
# tools (rr(7), "Options"): -b -c -i -k -n -s -t.  Each is refused with
# what replaced it (exit 125), so an old command line fails instead of
# meaning something else; with or without a value, bundled or alone.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
# try LABEL CMD...: the status and the first line of stderr
try() {
	label=$1
	shift
	"$@" >"$t/o" 2>"$t/e" </dev/null
	echo "$label: $? $(head -n 1 "$t/e")"
	cat "$t/o"
}
try "run -i" $B/rremu run -i /dev/null $B/guests/hello.elf
try "run -s" $B/rremu run -s 1000 $B/guests/hello.elf
try "replay -s" $B/rremu replay -s 1000 /dev/null
try "record -b" $B/rremu record -b 1K -o "$t/x.rr" $B/guests/hello.elf
try "record -c" $B/rremu record -c 1000 -o "$t/x.rr" $B/guests/hello.elf
try "record -k" $B/rremu record -k 1000 -o "$t/x.rr" $B/guests/hello.elf
try "run -n" $B/rremu run -n 1000 $B/guests/hello.elf
try "run -qn1000" $B/rremu run -qn1000 $B/guests/hello.elf
try "replay -n" $B/rremu replay -n 1000 /dev/null
try "run -t" $B/rremu run -t 3 $B/guests/hello.elf
try "run -t (no value)" $B/rremu run $B/guests/hello.elf -t
[ ! -e "$t/x.rr" ] || echo "a refused record wrote its log"
# The new letters and the long options they stand for take effect.
try "run -u" $B/rremu run -q -u 1000 $B/guests/hello.elf
try "run --stop-at" $B/rremu run -q --stop-at 1000 $B/guests/hello.elf
printf 'hi\nquit\n' >"$t/in"
try "run -I" $B/rremu run -I "$t/in" $B/guests/echo.elf
try "run --input" $B/rremu run --input "$t/in" $B/guests/echo.elf
try "run -N" $B/rremu run -q -N 1000 $B/guests/hello.elf
try "run --limit" $B/rremu run -q --limit 1000 $B/guests/hello.elf
try "record -B -K --checkpoint-interval" $B/rremu record -q -B 1K -K 2000 \
    --checkpoint-interval 500 -o "$t/k.rr" $B/guests/hello.elf
$B/rrdump -H "$t/k.rr" | grep -E '_(interval|size) ' || echo "rrdump -H: failed"
try "run -T" $B/rremu run -q -T 3 -u 1000 -S "$t/s.snap" $B/guests/hello.elf
$B/rrdump "$t/s.snap" | grep -E '^header\.clock_shift' ||
    echo "rrdump: no shift in the snapshot"
