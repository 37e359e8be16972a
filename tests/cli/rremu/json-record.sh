# record --json: the record names the log written and says how it ended,
# the END reason the log holds; -o - is refused with -j (the record
# would go into the log); a log that cannot be written is trouble.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
go() {
	label=$1
	shift
	"$@" >"$t/o" 2>"$t/e"
	echo "$label: exit $?"
	sed "s|$t/|\$T/|g" "$t/o"
	sed -e "s|$t/|\$T/|g" -e 's/^/  stderr: /' "$t/e"
}
go "record -j" $B/rremu record -j -o "$t/h.rr" $B/guests/hello.elf </dev/null
$B/rrdump -k end "$t/h.rr" || echo "rrdump: $?"
go "record -j -N" $B/rremu record -qj -N 2000 -o "$t/n.rr" \
    $B/guests/hello.elf </dev/null
$B/rrdump -k end "$t/n.rr" || echo "rrdump: $?"
go "record -j -o -" $B/rremu record -qj -o - $B/guests/hello.elf </dev/null
go "record -j no folder" $B/rremu record -qj -o "$t/no/h.rr" \
    $B/guests/hello.elf </dev/null
go "record -j onto the ELF" $B/rremu record -qj -o "$t/h.rr" "$t/h.rr" \
    </dev/null
