# --elf refuses an ELF that is not the image the logs were recorded from,
# a file that is no ELF, two logs of different guests, and is for --at
# and --exact of rr logs only.  Each message's first line, then the
# status; the image hashes (of ELFs whose debugging information names
# the directory they were built in) as H.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
try() {
	"$@" >"$t/out" 2>"$t/err"
	rc=$?
	sed -e "s|$t/|\$T/|g" -e 's/[0-9a-f]\{16\}/H/g' -e 1q "$t/err"
	echo "rc=$rc"
}
$B/rremu record -q -o "$t/c.rr" $B/guests/clock.elf </dev/null || exit
$B/rremu record -q -o "$t/h.rr" $B/guests/hello.elf </dev/null || exit
printf 'not an ELF file\n' >"$t/text"
try $B/rrdiff -x --elf $B/guests/hello.elf "$t/c.rr" "$t/c.rr"
try $B/rrdiff --at 5 --elf "$t/text" "$t/c.rr" "$t/c.rr"
# The magic alone is an ELF's start, and not the log's image; one byte
# short of it is no ELF; nor is an empty file.
printf '\177ELF' >"$t/magic"
try $B/rrdiff --at 5 --elf "$t/magic" "$t/c.rr" "$t/c.rr"
printf '\177EL' >"$t/short"
try $B/rrdiff --at 5 --elf "$t/short" "$t/c.rr" "$t/c.rr"
: >"$t/empty"
try $B/rrdiff --at 5 --elf "$t/empty" "$t/c.rr" "$t/c.rr"
try $B/rrdiff -x --elf $B/guests/hello.elf "$t/c.rr" "$t/h.rr"
try $B/rrdiff --elf $B/guests/clock.elf "$t/c.rr" "$t/c.rr"
try $B/rrdiff --elf $B/guests/clock.elf $B/data/qemu-every-kind.qlog \
    $B/data/qemu-every-kind.qlog
