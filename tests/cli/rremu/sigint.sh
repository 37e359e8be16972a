# SIGINT stops a run and a recording cleanly (124): rremu reports where,
# the log is closed with END stopped and replays.  The guest waits for
# input on a FIFO this script holds open (rremu does not inherit it), so
# only the signal can end it; closing the FIFO ends the input should the
# signal not work.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
await() {
	i=0
	until grep -qs "$1" "$2" || [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
mask() {
	sed -e 's/icount [0-9]*/icount N/' -e 's/pc 0x[0-9a-f]*/pc PC/' "$@"
}
for mode in run record; do
	rm -f "$t/in" "$t/out" "$t/err"
	mkfifo "$t/in" || exit 2
	exec 3<>"$t/in"
	printf 'hello\n' >&3
	if [ $mode = run ]; then
		$B/rremu run -I "$t/in" $B/guests/echo.elf >"$t/out" \
		    2>"$t/err" 3>&- &
	else
		$B/rremu record -I "$t/in" -o "$t/x.rr" $B/guests/echo.elf \
		    >"$t/out" 2>"$t/err" 3>&- &
	fi
	pid=$!
	await '^echo: hello' "$t/out"
	kill -INT $pid
	await 'stopped' "$t/err"
	exec 3>&-
	wait $pid
	echo "$mode: $?"
	mask "$t/err"
	cat "$t/out"
	echo
done
$B/rrdump -s "$t/x.rr" >"$t/stats"
echo "rrdump: $?"
grep -E '^(closed|end) ' "$t/stats"
$B/rrdump -k end "$t/x.rr" >"$t/end"
echo "rrdump -k end: $?"
sed 's/^[0-9]* [0-9]* /N N /' "$t/end"
$B/rremu replay -q "$t/x.rr" 2>"$t/err"
echo "replay: $?"
mask "$t/err"
