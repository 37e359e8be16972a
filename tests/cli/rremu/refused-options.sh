# Options that mean nothing in a mode are refused (exit 125), not ignored.
# Each status is printed: a pipeline would keep only its last command's.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/h.rr" $B/guests/hello.elf || exit
# refused LABEL CMD...: the status, the first line of stderr, stdout
refused() {
	label=$1
	shift
	"$@" >"$t/o" 2>"$t/e"
	echo "$label: $? $(head -n 1 "$t/e")"
	cat "$t/o"
}
refused "replay -m" $B/rremu replay -m 64M "$t/h.rr"
refused "replay -I" $B/rremu replay -I /dev/null "$t/h.rr"
refused "run -c" $B/rremu run --checkpoint-interval 1000 $B/guests/hello.elf
refused "record -o -" $B/rremu record -o - $B/guests/hello.elf
refused "run -P 0" $B/rremu run -P 0 $B/guests/hello.elf
refused "run -q -c" $B/rremu run -q --checkpoint-interval 5 $B/guests/hello.elf
