# Replay shows what record showed, checks the ELF's hash, and says so.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -I tests/guests/echo.in -o "$t/echo.rr" $B/guests/echo.elf \
    >"$t/rec" || exit
$B/rremu replay "$t/echo.rr" >"$t/rep" || exit
cmp "$t/rec" "$t/rep" && echo "replay output = record output"
$B/rremu replay -q -v "$t/echo.rr" $B/guests/echo.elf 2>"$t/err"
rc=$?
sed -e "s|$t/|\$T/|g" -e 's/[0-9][0-9]* instructions, [0-9][0-9]* events/N instructions, N events/' "$t/err" >&2
cat "$t/rec"
exit $rc
