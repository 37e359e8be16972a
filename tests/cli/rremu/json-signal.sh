# record --json stopped by SIGTERM: the record says end "stopped" (124);
# a replay of that log reaches the recording's end with the guest
# running on: end "recording_end", reason "stopped".  The guest waits on
# a FIFO this script keeps open (as sigterm.sh); its output is on stderr
# with -j, and none on stdout.  Where it stopped varies: icount and pc are masked to 0.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
mask='s/"icount":[0-9][0-9]*/"icount":0/g; s/"pc":"0x[0-9a-f]*"/"pc":"0x00000000"/; s/"events":[0-9][0-9]*/"events":0/; s/icount [0-9][0-9]*/icount N/g; s/pc 0x[0-9a-f]*/pc PC/'
mkfifo "$t/in" || exit 2
exec 3<>"$t/in"
printf 'hello\n' >&3
$B/rremu record -j -I "$t/in" -o "$t/echo.rr" $B/guests/echo.elf \
    >"$t/out" 2>"$t/err" 3>&- &
pid=$!
i=0
until grep -qs '^echo: hello' "$t/err" || [ $i -ge 100 ]; do
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
echo "record: $?"
sed -e "s|$t/|\$T/|g" -e "$mask" "$t/out"
# rremu's own message (the guest's prompt may come before it or not)
sed -n -e "s|$t/|\$T/|g" -e "$mask" -e 's/.*\(rremu: \)/  stderr: \1/p' "$t/err"
grep -c '^echo: hello$' "$t/err"
$B/rremu replay -qj "$t/echo.rr" >"$t/out" 2>"$t/err"
echo "replay: $?"
sed -e "s|$t/|\$T/|g" -e "$mask" "$t/out"
sed -e "s|$t/|\$T/|g" -e "$mask" -e 's/^/  stderr: /' "$t/err"
