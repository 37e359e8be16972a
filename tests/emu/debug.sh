#!/bin/sh
# rremu debug end to end, with the real gdb-multiarch in batch mode: the
# replay served on a private Unix socket, gdb started on it with the
# ELF's symbols; gdb's exit status passed through; the private directory
# removed; monitor events as rrdump prints; a gdb that is missing or
# never connects.  gdb-multiarch is a dependency (make deps): missing,
# this fails.  GUESTS names the build of the guests (guests, guests-c).
B=${B:-build}
E=$B/rremu
GUESTS=${GUESTS:-guests}
ELF=$B/$GUESTS/gdbdemo.elf
GDB=${GDB:-gdb-multiarch}
T=$(mktemp -d "${TMPDIR:-/tmp}/rrdebug.XXXXXX") || exit 2
dpid=
# A broken rremu that outlives its test is ended with the script.
trap '[ -n "$dpid" ] && kill -9 $dpid 2>/dev/null; rm -rf "$T"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

if ! command -v "$GDB" >/dev/null; then
	echo "debug: $GDB missing (make deps installs gdb-multiarch)"
	echo "debug: 0 passed, 1 failed"
	exit 1
fi

# expect NAME FILE PATTERN: the file has a line matching PATTERN (grep -E)
expect() {
	if grep -Eq -- "$3" "$2"; then ok "$1"; else
		bad "$1: no line matching /$3/ in $2:"
		sed 's/^/	/' "$2" | tail -n 40
	fi
}

# status NAME GOT WANT
status() {
	if [ "$2" = "$3" ]; then ok "$1: exit status $2"; else
		bad "$1: exit status $2, expected $3"
	fi
}

$E record -q -o "$T/demo.rr" "$ELF" < /dev/null 2> "$T/rec.err"
status "record gdbdemo" $? 0

# ---- rremu debug: gdb started on the replay, on a private socket in a
# private directory under TMPDIR (removed at the end), the ELF loaded;
# rremu exits with gdb's status and says nothing of its own ----
mkdir "$T/dtmp"
TMPDIR=$T/dtmp timeout -k 5 120 $E debug "$T/demo.rr" "$ELF" -- -batch -nx \
    -ex 'break bump' -ex continue -ex reverse-stepi \
    -ex 'info registers pc' -ex 'monitor events' -ex 'quit 3' \
    < /dev/null > "$T/dbg.out" 2> "$T/dbg.err"
status "debug: gdb's exit status" $? 3
cat "$T/dbg.err" >> "$T/dbg.out"
expect "debug: the ELF's symbols" "$T/dbg.out" \
    '^Breakpoint 1, bump \(v=1\) at .*gdbdemo.c:24'
expect "debug: reverse-stepi" "$T/dbg.out" \
    '^pc[[:space:]]+0x[0-9a-f]+[[:space:]]+0x[0-9a-f]+ <bump\+[0-9]+>$'
expect "debug: monitor events" "$T/dbg.out" '^-- icount [0-9]+ is here --$'
grep -q 'waiting for gdb' "$T/dbg.out" &&
    bad "debug: the server wrote to the terminal" ||
    ok "debug: the server writes nothing"
[ -z "$(ls -A "$T/dtmp")" ] && ok "debug: private directory removed" ||
    bad "debug: left in TMPDIR: $(ls -A "$T/dtmp")"
# Without an ELF: the architecture is set, the registers are read.
timeout -k 5 120 $E debug "$T/demo.rr" -- -batch -nx -ex 'info registers pc' \
    < /dev/null > "$T/dbg2.out" 2>&1
status "debug without an ELF" $? 0
expect "debug without an ELF: pc" "$T/dbg2.out" '^pc[[:space:]]+0x80000000[[:space:]]+0x80000000$'
# A gdb that never connects: rremu does not wait for ever.
printf '#!/bin/sh\nexit 7\n' > "$T/fakegdb"
chmod +x "$T/fakegdb"
TMPDIR=$T/dtmp timeout -k 5 60 $E debug --gdb-command "$T/fakegdb" \
    "$T/demo.rr" < /dev/null > "$T/dbg3.out" 2>&1
status "debug: a gdb that exits at once" $? 7
RREMU_GDB=$T/fakegdb TMPDIR=$T/dtmp timeout -k 5 60 $E debug "$T/demo.rr" \
    < /dev/null > "$T/dbg3.out" 2>&1
status "debug: RREMU_GDB names the gdb" $? 7
[ -z "$(ls -A "$T/dtmp")" ] && ok "debug: nothing left after those" ||
    bad "debug: left in TMPDIR: $(ls -A "$T/dtmp")"
timeout -k 5 60 $E debug --gdb-command "$T/nogdb" "$T/demo.rr" \
    < /dev/null > "$T/dbg4.out" 2>&1
status "debug: no such gdb" $? 125
expect "debug: no such gdb, said" "$T/dbg4.out" 'nogdb: no such program'
timeout -k 5 60 env PATH=/nonexistent $E debug "$T/demo.rr" \
    < /dev/null > "$T/dbg5.out" 2>&1
status "debug: no gdb-multiarch" $? 125
expect "debug: no gdb-multiarch, said" "$T/dbg5.out" \
    'gdb-multiarch: no such program .*apt-get install gdb-multiarch'

# SIGTERM to rremu while gdb runs: gdb is ended with it, rremu exits
# with gdb's status (killed: 128 + 15) and leaves nothing behind.
# (Not under timeout(1), which would signal gdb itself: its process
# group.  Unended, the stand-in gdb exits 0 after a minute.)
printf '#!/bin/sh\n: > "$0.started"\nexec sleep 60\n' > "$T/sleepgdb"
chmod +x "$T/sleepgdb"
TMPDIR=$T/dtmp $E debug --gdb-command "$T/sleepgdb" \
    "$T/demo.rr" < /dev/null > "$T/dbg6.out" 2>&1 &
dpid=$!
i=0
while [ ! -e "$T/sleepgdb.started" ] && [ $i -lt 200 ]; do
	i=$((i + 1))
	sleep 0.1
done
kill -TERM $dpid
wait $dpid
st=$?
dpid=
status "debug: SIGTERM while gdb runs" $st 143
[ -z "$(ls -A "$T/dtmp")" ] && ok "debug: nothing left after SIGTERM" ||
    bad "debug: left in TMPDIR: $(ls -A "$T/dtmp")"

# monitor events prints each event as rrdump does: every line one of its.
timeout -k 5 120 $E debug "$T/demo.rr" "$ELF" -- -batch -nx \
    -ex 'monitor goto 5000' -ex 'monitor events' \
    < /dev/null > "$T/ev.out" 2>&1
status "debug: monitor events" $? 0
grep -E '^[0-9]+ [0-9]+ [a-z]' "$T/ev.out" > "$T/ev"
$B/rrdump "$T/demo.rr" > "$T/dump"
dst=$?
if [ "$dst" = 0 ] && [ "$(wc -l < "$T/ev")" -ge 3 ] &&
    ! grep -vxF -f "$T/dump" "$T/ev" > "$T/ev.odd"; then
	ok "monitor events: $(wc -l < "$T/ev") lines, each as rrdump's"
else
	bad "monitor events: rrdump status $dst; lines not rrdump's:"
	sed 's/^/	/' "$T/ev.odd" "$T/ev"
fi

echo "debug ($GUESTS): $pass passed, $fail failed"
[ "$fail" = 0 ]
