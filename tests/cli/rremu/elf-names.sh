# replay --elf (or the ELF after the log) names the pc in the stop
# message from the guest's ELF: function+offset (file:line).  An ELF
# stripped of its debugging information names the function alone; one
# stripped of its symbols too leaves the plain address.  Each stripped
# ELF is its own image: recorded from it, replayed with it.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
S=riscv64-unknown-elf-strip
G=$B/guests/gdbdemo.elf
$B/rremu record -q -o "$t/d.rr" $G </dev/null || exit
$B/rremu replay -q -u 4300 --elf $G "$t/d.rr"
echo "rc=$?"
$B/rremu replay -q -u 4300 "$t/d.rr" $G
echo "rc=$?"
$S -g -o "$t/g.elf" $G || exit
$S -o "$t/s.elf" $G || exit
for e in g s; do
	$B/rremu record -q -o "$t/$e.rr" "$t/$e.elf" </dev/null || exit
	$B/rremu replay -q -u 4300 --elf "$t/$e.elf" "$t/$e.rr"
	echo "rc=$?"
done
