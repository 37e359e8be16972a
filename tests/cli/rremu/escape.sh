# On a terminal (a pty from script(1)): ^A ^A sends one ^A to the guest,
# ^A x stops the run (124).  Each key is sent once the guest waits for it.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
mkfifo "$t/keys" || exit 2
exec 3<>"$t/keys"
: >"$t/out"
script -qec "$B/rremu run $B/guests/echo.elf; echo rc=\$?" /dev/null \
    <"$t/keys" >"$t/out" 2>&1 3>&- &
pid=$!
await() {
	i=0
	until tr -d '\r' <"$t/out" | grep -q "$1" ||
	    [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
await '^> '
printf 'a\001\001b\r' >&3
await '^echo: a.b$'
printf '\001x' >&3
await '^rc='
exec 3>&-
wait $pid
tr -d '\r' <"$t/out" | sed -e "s/$(printf '\001')/\\\\001/g" \
    -e 's/icount [0-9]*/icount N/' -e 's/pc 0x[0-9a-f]*/pc PC/'
