# -j/--json: the end report as one rremu_result record on stdout
# (formats/rremu.schema.json), the guest's output on stderr instead, so
# stdout holds the record alone whatever the guest prints; with -q the
# guest's output goes nowhere.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
# go LABEL CMD...: the status, stdout (the record), then stderr
go() {
	label=$1
	shift
	"$@" >"$t/o" 2>"$t/e"
	echo "$label: exit $?"
	sed "s|$t/|\$T/|g" "$t/o"
	sed -e "s|$t/|\$T/|g" -e 's/^/  stderr: /' "$t/e"
}
go "run -j" $B/rremu run -j $B/guests/hello.elf </dev/null
go "run --json -q" $B/rremu run --json -q $B/guests/hello.elf </dev/null
printf 'hi\nquit\n' >"$t/in"
go "run -j echo" $B/rremu run -j -I "$t/in" $B/guests/echo.elf
go "run -j -N" $B/rremu run -qj -N 1000 $B/guests/hello.elf </dev/null
go "run -j -u" $B/rremu run -qj -u 1000 $B/guests/hello.elf </dev/null
# The guest's code as it gave it; the status shows it as 122.
printf '200\n' >"$t/200"
go "run -j exit 200" $B/rremu run -qj -I "$t/200" $B/guests/exitcode.elf
# Trouble before anything ran: the record still comes, with nulls.
go "run -j missing" $B/rremu run -j "$t/nosuch.elf"
# A usage error is no run: no record.
go "run -j usage" $B/rremu run -j -k 5 $B/guests/hello.elf
# The record cannot be written: exit 125, said on stderr.
$B/rremu run -qj $B/guests/hello.elf </dev/null >/dev/full 2>"$t/e"
echo "run -j >/dev/full: exit $?"
cat "$t/e"
# A snapshot that cannot be written at -u: trouble, the first problem.
go "run -j -S /dev/full" $B/rremu run -qj -u 1000 -S /dev/full \
    $B/guests/hello.elf </dev/null
