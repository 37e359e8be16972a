# replay --elf refuses an ELF that is not the image the log was recorded
# from (another guest; a stripped copy of the same guest), a file that
# is no ELF, and one that is not there; --elf is for replay and debug,
# and names the one ELF.  Each message's first line, then the status.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
G=$B/guests/gdbdemo.elf
try() {
	"$@" >"$t/out" 2>"$t/err"
	rc=$?
	sed -e "s|$t/|\$T/|g" -e 1q "$t/err"
	echo "rc=$rc"
}
$B/rremu record -q -o "$t/d.rr" $G </dev/null || exit
riscv64-unknown-elf-strip -g -o "$t/g.elf" $G || exit
printf 'not an ELF file\n' >"$t/text"
try $B/rremu replay -q --elf $B/guests/hello.elf "$t/d.rr"
try $B/rremu replay -q --elf "$t/g.elf" "$t/d.rr"
try $B/rremu replay -q --elf "$t/text" "$t/d.rr"
try $B/rremu replay -q --elf "$t/nothing" "$t/d.rr"
try $B/rremu run -q --elf $G $G
try $B/rremu replay -q --elf $G "$t/d.rr" $G
