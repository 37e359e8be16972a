# On a terminal (a pty from script(1)), recording: ^A i reports where the
# run is, ^A s saves a snapshot named rremu.ICOUNT in the current
# directory (no -S) and the run goes on; ^A x stops it (124), the log is
# closed with END stopped.  The log replays, whole and from the snapshot.
# Each key is sent once the guest, or rremu, has answered the last.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
case $B in
/*) ;;
*) B=$(pwd)/$B ;;
esac
mkfifo "$t/keys" || exit 2
mkdir "$t/cwd" || exit 2
exec 3<>"$t/keys"
: >"$t/out"
script -qec "cd '$t/cwd' && $B/rremu record -o '$t/x.rr' $B/guests/echo.elf; echo rc=\$?" \
    /dev/null <"$t/keys" >"$t/out" 2>&1 3>&- &
pid=$!
await() {
	i=0
	until tr -d '\r' <"$t/out" | grep -q "$1" || [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
await '^> '
printf 'ab\r' >&3
await '^echo: ab$'
printf '\001i' >&3
await 'rremu: at icount'
printf '\001s' >&3
await 'rremu: saved'
printf 'cd\r' >&3
await '^echo: cd$'
printf '\001x' >&3
await '^rc='
exec 3>&-
wait $pid
echo "script: $?"
tr -d '\r' <"$t/out" >"$t/o"
sed -e 's/icount [0-9]*/icount N/' -e 's/pc 0x[0-9a-f]*/pc PC/' \
    -e 's/rremu\.[0-9]*/rremu.N/' "$t/o"
# The snapshot is named by the icount it was saved at.
n=$(sed -n 's/.*saved rremu\.\([0-9]*\) at icount \([0-9]*\),.*/\1 \2/p' "$t/o")
ls "$t/cwd" | sed 's/[0-9]*$/N/'
[ -n "$n" ] && [ "${n% *}" = "${n#* }" ] && [ -f "$t/cwd/rremu.${n% *}" ] &&
    echo "snapshot named rremu.ICOUNT"
$B/rrdump -k end "$t/x.rr" >"$t/end"
echo "rrdump: $?"
sed 's/^[0-9]* [0-9]* /N N /' "$t/end"
$B/rremu replay -q "$t/x.rr" 2>"$t/e"
echo "replay: $?"
$B/rremu replay -q -L "$t"/cwd/rremu.* "$t/x.rr" 2>>"$t/e"
echo "replay from the snapshot: $?"
sed -e 's/icount [0-9]*/icount N/' "$t/e"
