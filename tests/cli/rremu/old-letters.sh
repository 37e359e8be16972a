# -i and -s were rremu's input file and stop-at; in the other tools they
# are an icount range and statistics.  rremu now spells them -I and -u
# and refuses the old letters with what replaced them (exit 125), so an
# old command line fails instead of meaning something else.
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
# The new letters and the long options they stand for take effect.
try "run -u" $B/rremu run -q -u 1000 $B/guests/hello.elf
try "run --stop-at" $B/rremu run -q --stop-at 1000 $B/guests/hello.elf
printf 'hi\nquit\n' >"$t/in"
try "run -I" $B/rremu run -I "$t/in" $B/guests/echo.elf
try "run --input" $B/rremu run --input "$t/in" $B/guests/echo.elf
