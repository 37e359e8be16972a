# A recorder killed (SIGKILL) while the guest waits for input loses
# nothing: what was delivered and echoed is in the log (rremu flushes it
# whenever the guest waits), and the log replays that far (124, not
# closed).  Input comes through a FIFO this script holds open (rremu does
# not inherit it), a line at a time, each sent once the guest waits.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
mkfifo "$t/in" || exit 2
exec 3<>"$t/in"
$B/rremu record -I "$t/in" -o "$t/x.rr" $B/guests/echo.elf >"$t/out" \
    2>"$t/err" 3>&- &
pid=$!
# await PATTERN FILE: until grep finds it (at most 5 s)
await() {
	i=0
	until grep -q "$1" "$2" 2>/dev/null || [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
# logged TEXT: until the log holds an output event with TEXT (at most 5 s;
# rrdump of a log still being written says it is not closed)
logged() {
	i=0
	until $B/rrdump -k output "$t/x.rr" 2>/dev/null | grep -q "$1" ||
	    [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
await '^> ' "$t/out"
printf 'hello\n' >&3
await '^echo: hello' "$t/out"
printf 'world\n' >&3
await '^echo: world' "$t/out"
logged 'echo: world'
# The shell may say "Killed" when it reaps the job: not rremu's stderr.
exec 4>&2 2>/dev/null
kill -KILL $pid
wait $pid
st=$?
exec 2>&4 4>&-
echo "record: $st (137: killed)"
exec 3>&-
cat "$t/err"
$B/rrdump -k bh,output,end "$t/x.rr" >"$t/dump" 2>"$t/derr"
echo "rrdump: $?"
sed -e "s|$t/|\$T/|" -e "s/offset [0-9]*/offset N/" "$t/derr"
sed 's/^\([0-9]*\) [0-9]* /\1 N /' "$t/dump"
$B/rremu replay "$t/x.rr" 2>"$t/rerr"
echo "replay: $?"
sed -e "s|$t/|\$T/|" -e 's/offset [0-9]*/offset N/' \
    -e 's/its [0-9]* events/its N events/' -e 's/icount [0-9]*/icount N/' \
    "$t/rerr"
