# Two recordings of the echo guest, one input byte apart: the first lines
# name that bottom half, with its event number and byte on each side,
# and where the guest first behaves otherwise; --all counts one cause.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
printf 'hello world\nsecond line\nquit\n' >"$t/a.in"
printf 'hello wXrld\nsecond line\nquit\n' >"$t/b.in"
$B/rremu record -q -o "$t/a.rr" $B/guests/echo.elf <"$t/a.in" >/dev/null ||
    exit
$B/rremu record -q -o "$t/b.rr" $B/guests/echo.elf <"$t/b.in" >/dev/null ||
    exit
$B/rrdiff "$t/a.rr" "$t/b.rr" >"$t/out"
echo "rc=$?"
sed "s|$t/|\$T/|g" "$t/out"
$B/rrdiff -a "$t/a.rr" "$t/b.rr" >"$t/all"
echo "all rc=$?"
grep -v '^[-+ @]' "$t/all"
