# rremu debug's usage errors, before gdb is looked for: the options that
# mean nothing under gdb, no log (what follows -- is gdb's, not a log),
# --gdb-command outside debug, a gdb that is not there.  Each message's
# first line, then the status.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
try() {
	"$@" >"$t/out" 2>"$t/err" </dev/null
	rc=$?
	sed -e "s|$t/|\$T/|g" -e 1q "$t/err"
	echo "rc=$rc"
}
$B/rremu record -q -o "$t/d.rr" $B/guests/hello.elf </dev/null || exit
try $B/rremu debug -u 5 "$t/d.rr"
try $B/rremu debug --gdb 1234 "$t/d.rr"
try $B/rremu debug -- "$t/d.rr"
try $B/rremu replay --gdb-command gdb "$t/d.rr"
try $B/rremu debug --gdb-command "$t/nogdb" "$t/d.rr"
try $B/rremu debug "$t/d.rr" $B/guests/echo.elf -- -batch
