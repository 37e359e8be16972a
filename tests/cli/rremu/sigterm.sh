# SIGTERM stops a recording cleanly (124); the log ends "stopped" and
# replays.  The guest waits for more input on a FIFO that this script
# keeps open (read-write, so that opening it never blocks; rremu does not
# inherit it, so that closing it ends the input should SIGTERM not work).
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
mkfifo "$t/in" || exit 2
exec 3<>"$t/in"
printf 'hello\n' >&3
$B/rremu record -I "$t/in" -o "$t/echo.rr" $B/guests/echo.elf >"$t/out" \
    2>"$t/err" 3>&- &
pid=$!
i=0
until grep -qs '^echo: hello' "$t/out" || [ $i -ge 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -TERM $pid
i=0
until grep -qs 'stopped' "$t/err" || [ $i -ge 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
exec 3>&-
wait $pid
rc=$?
sed -e 's/icount [0-9]*/icount N/' -e 's/pc 0x[0-9a-f]*/pc PC/' "$t/err" >&2
echo "record: $rc"
cat "$t/out"
echo
$B/rrdump -k end "$t/echo.rr" >"$t/end"
echo "rrdump: $?"
sed 's/^[0-9]* [0-9]* /N N /' "$t/end"
$B/rremu replay -q "$t/echo.rr" 2>"$t/err2"
echo "replay: $?"
sed -e 's/icount [0-9]*/icount N/' "$t/err2" >&2
