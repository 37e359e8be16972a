# SIGUSR1 pauses a recording: a snapshot is saved and the run goes on,
# unchanged.  The log replays, and replays again from the snapshot.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
mkfifo "$t/in" || exit 2
exec 3<>"$t/in"
printf 'hello\n' >&3
$B/rremu record -S "$t/u" -I "$t/in" -o "$t/echo.rr" $B/guests/echo.elf \
    >"$t/out" 2>"$t/err" 3>&- &
pid=$!
i=0
until grep -qs '^echo: hello' "$t/out" || [ $i -ge 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -USR1 $pid
i=0
until grep -qs 'saved' "$t/err" || [ $i -ge 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
printf 'world\nquit\n' >&3
exec 3>&-
wait $pid
echo "record: $?"
sed -e 's/icount [0-9]*/icount N/' -e 's/pc 0x[0-9a-f]*/pc PC/' \
    -e "s|$t/u\.[0-9]*|\$T/u.N|" "$t/err" >&2
grep -v '^~' "$t/out"
ls "$t" | grep -c '^u\.'
$B/rremu replay -q "$t/echo.rr"
echo "replay: $?"
$B/rremu replay -q -L "$t"/u.* "$t/echo.rr"
echo "replay from the snapshot: $?"
