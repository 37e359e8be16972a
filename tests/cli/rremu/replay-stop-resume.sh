# Stop a replay at 25000 (in the middle of an output line), save, resume.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -I tests/guests/echo.in -o "$t/echo.rr" $B/guests/echo.elf \
    >"$t/full" || exit
$B/rremu replay -u 25000 -S "$t/s.snap" "$t/echo.rr" >"$t/a" 2>"$t/err"
rc=$?
sed -e "s|$t/|\$T/|g" -e 's/pc 0x[0-9a-f]*/pc PC/' "$t/err" >&2
echo "stop: $rc"
$B/rremu replay -v -L "$t/s.snap" "$t/echo.rr" >"$t/b" 2>"$t/err"
echo "resume: $?"
sed -e "s|$t/|\$T/|g" -e 's/[0-9][0-9]* instructions, [0-9][0-9]* events/N instructions, N events/' "$t/err" >&2
cat "$t/a" "$t/b" | cmp - "$t/full" && echo "stopped + resumed = whole"
