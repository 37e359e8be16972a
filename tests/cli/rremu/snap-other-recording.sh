# Two recordings of one guest: a snapshot of one does not resume the other.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -u 1000 -S "$t/1.snap" -o "$t/1.rr" $B/guests/hello.elf \
    </dev/null 2>/dev/null || exit
$B/rremu record -q -o "$t/2.rr" $B/guests/hello.elf </dev/null || exit
$B/rremu replay -L "$t/1.snap" "$t/2.rr" 2>"$t/err"
rc=$?
sed "s|$t/|\$T/|g" "$t/err" >&2
exit $rc
