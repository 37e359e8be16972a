# Input from a pipe.  How many receive interrupts it takes depends on how
# the pipe delivers, so the "~ " line is masked (tests/guests/README).
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
cat tests/guests/echo.in | $B/rremu run -I - $B/guests/echo.elf >"$t/out"
rc=$?
sed 's/^~ .*/~/' "$t/out"
exit $rc
