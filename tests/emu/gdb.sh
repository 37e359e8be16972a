#!/bin/sh
# rremu --gdb end to end: gdb-multiarch against rremu replay (and run) of
# the gdbdemo guest (guests/gdbdemo.c, built -O0 -g).  Breakpoints on
# a function and a line, a backtrace, variables, a watchpoint forwards
# and backwards, reverse-stepi to the registers the forward run had,
# reverse-continue, reverse-finish, monitor goto/icount/events, refused
# writes during replay, and rremu's exit status after each way a session
# ends.  gdb-multiarch is a dependency (make deps): missing, this fails.
# GUESTS names the build of the guests (guests: rv32im, the default;
# guests-c: rv32imac, where gdb sets 2-byte breakpoints on compressed
# instructions and steps through them).
B=${B:-build}
E=$B/rremu
GUESTS=${GUESTS:-guests}
ELF=$B/$GUESTS/gdbdemo.elf
# The length of bump's store to total, which a watchpoint stops after:
# gcc -O0 makes it a c.sw when it may use C.
SWLEN=4
[ "$GUESTS" = guests-c ] && SWLEN=2
GDB=${GDB:-gdb-multiarch}
T=$(mktemp -d "${TMPDIR:-/tmp}/rrgdb.XXXXXX") || exit 2
trap 'kill $rpid 2>/dev/null; rm -rf "$T"' EXIT INT TERM
pass=0
fail=0
rpid=

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

if ! command -v "$GDB" >/dev/null; then
	echo "gdb: $GDB missing (make deps installs gdb-multiarch)"
	echo "gdb: 0 passed, 1 failed"
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
		sed 's/^/	/' "$T/rr.err"
	fi
}

# start MODE ADDR FILE: rremu MODE --gdb ADDR FILE in the background;
# sets TARGET to what gdb connects to.
start() {
	: > "$T/rr.err"
	$E "$1" --gdb "$2" "$3" < /dev/null > "$T/rr.out" 2> "$T/rr.err" &
	rpid=$!
	i=0
	while ! grep -q 'waiting for gdb on' "$T/rr.err"; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 $rpid 2>/dev/null; then
			bad "rremu $1 --gdb did not listen: $(cat "$T/rr.err")"
			return 1
		fi
		sleep 0.1
	done
	TARGET=$(sed -n 's/.*waiting for gdb on //p' "$T/rr.err")
}

# gdbrun NAME SCRIPT [gdb args]: gdb on the script (TARGET filled in),
# then the -ex commands given; rremu's
# status is in RST, gdb's in GST, gdb's output in $T/NAME.out
gdbrun() {
	_n=$1 _s=$2
	shift 2
	sed -e "s|@TARGET@|$TARGET|" -e "s|@SWLEN@|$SWLEN|" "$_s" \
	    > "$T/$_n.gdb"
	timeout 120 $GDB -batch -nx -x "$T/$_n.gdb" "$@" "$ELF" \
	    > "$T/$_n.out" 2>&1
	GST=$?
	wait $rpid
	RST=$?
	rpid=
}

prologue() {
	cat <<-'EOF'
	set architecture riscv:rv32
	set pagination off
	set confirm off
	target remote @TARGET@
	EOF
}

$E record -q -o "$T/demo.rr" "$ELF" < /dev/null 2> "$T/rec.err"
status "record gdbdemo" $? 0

# ---- replay: forwards and backwards; snapshots every 1000 instructions
# so that going back restores more than the first one ----
{ prologue; cat <<-'EOF'
	echo @@ begin\n
	monitor icount
	print/x $misa
	print $instret
	break bump
	break gdbdemo.c:27
	continue
	bt
	print v
	continue
	print total
	print sq
	echo @@ regs-a\n
	monitor icount
	info registers
	echo @@ end-a\n
	stepi
	monitor icount
	reverse-stepi
	echo @@ regs-b\n
	monitor icount
	info registers
	echo @@ end-b\n
	continue
	continue
	echo @@ rc1\n
	reverse-continue
	echo @@ rc2\n
	reverse-continue
	delete
	watch total
	echo @@ rwatch\n
	reverse-continue
	x/i $pc
	print total
	echo @@ fwatch\n
	continue
	x/i $pc - @SWLEN@
	print total
	delete
	break square
	continue
	echo @@ rfinish\n
	reverse-finish
	x/i $pc
	delete
	echo @@ goto\n
	monitor goto 100
	maintenance flush register-cache
	monitor icount
	print $pc
	monitor events
	monitor snapshots
	echo @@ goto-back\n
	monitor goto 5000
	maintenance flush register-cache
	monitor icount
	echo @@ to-end\n
	continue
	monitor icount
	echo @@ to-begin\n
	reverse-continue
	monitor icount
	echo @@ again-end\n
	continue
	kill
	EOF
} > "$T/a.script"
RREMU_SNAP_INTERVAL=1000 start replay 127.0.0.1:0 "$T/demo.rr" &&
gdbrun a "$T/a.script"
status "replay, killed at the end" "$RST" 0
status "gdb session a" "$GST" 0
O=$T/a.out
expect "start: icount 0" "$O" '^icount 0, event 0, pc 0x80000000'
expect "a CSR: misa says RV32IMACSU" "$O" '^\$1 = 0x40141105$'
expect "a CSR: instret is the icount" "$O" '^\$2 = 0$'
expect "break on a function" "$O" '^Breakpoint 1, bump \(v=1\) at .*gdbdemo.c:24'
expect "backtrace" "$O" '^#1 .* in main \(\) at .*gdbdemo.c:38'
expect "print an argument" "$O" '^\$3 = 1$'
expect "break on a line" "$O" '^Breakpoint 2, bump \(v=1\) at .*gdbdemo.c:27'
expect "print a global" "$O" '^\$4 = 1$'
expect "print a local" "$O" '^\$5 = 1$'
sed -n '/^@@ regs-a/,/^@@ end-a/p' "$O" | sed '1d;$d' > "$T/ra"
sed -n '/^@@ regs-b/,/^@@ end-b/p' "$O" | sed '1d;$d' > "$T/rb"
ica=$(sed -n 's/^icount \([0-9]*\),.*/\1/p' "$T/ra")
icb=$(sed -n 's/^icount \([0-9]*\),.*/\1/p' "$T/rb")
if [ -n "$ica" ] && [ "$ica" = "$icb" ] &&
    grep -q "^icount $((ica + 1))," "$O" &&
    grep -q '^pc ' "$T/ra" && cmp -s "$T/ra" "$T/rb"; then
	ok "reverse-stepi: icount $ica again, same registers and state hash"
else
	bad "reverse-stepi: icount $ica then $icb, registers:"
	diff "$T/ra" "$T/rb" | sed 's/^/	/'
fi
sed -n '/^@@ rc1/,/^@@ rc2/p' "$O" > "$T/rc1"
expect "reverse-continue to the last breakpoint hit" "$T/rc1" \
    '^Breakpoint 1, bump \(v=2\)'
sed -n '/^@@ rc2/,/^@@ rwatch/p' "$O" > "$T/rc2"
expect "reverse-continue to an earlier one" "$T/rc2" \
    '^Breakpoint 2, bump \(v=1\) at .*:27'
sed -n '/^@@ rwatch/,/^@@ fwatch/p' "$O" > "$T/rw"
expect "watchpoint backwards: old and new" "$T/rw" '^New value = 0$'
expect "watchpoint backwards: pc at the store" "$T/rw" '=> 0x[0-9a-f]+ <bump\+[0-9]+>:.*sw'
expect "watchpoint backwards: memory not yet written" "$T/rw" '^\$[0-9]+ = 0$'
sed -n '/^@@ fwatch/,/^@@ rfinish/p' "$O" > "$T/fw"
expect "watchpoint forwards" "$T/fw" '^New value = 1$'
expect "watchpoint forwards: just after the store" "$T/fw" '<bump\+[0-9]+>:.*sw'
expect "watchpoint forwards: memory written" "$T/fw" '^\$[0-9]+ = 1$'
sed -n '/^@@ rfinish/,/^@@ goto/p' "$O" > "$T/rf"
expect "reverse-finish: at the call in the caller" "$T/rf" \
    '^0x[0-9a-f]+ in bump \(v=2\) at .*gdbdemo.c:24'
expect "reverse-finish: the call instruction" "$T/rf" '=> 0x[0-9a-f]+ <bump\+[0-9]+>:.*jal'
sed -n '/^@@ goto/,/^@@ goto-back/p' "$O" > "$T/go"
expect "monitor goto" "$T/go" '^at icount 100, pc 0x'
expect "monitor icount after goto" "$T/go" '^icount 100, event 1, pc'
expect "monitor events" "$T/go" '^-- icount 100 is here --$'
expect "monitor events: the clock read" "$T/go" '^1 [0-9]+ clock [0-9]+$'
expect "monitor snapshots" "$T/go" '^[0-9]+ snapshots, [0-9]+ bytes, one every 1000 instructions$'
# monitor events prints each event as rrdump does: every line one of its.
grep -E '^[0-9]+ [0-9]+ [a-z]' "$T/go" > "$T/go.ev"
$B/rrdump "$T/demo.rr" > "$T/dump"
dst=$?
if [ "$dst" = 0 ] && [ "$(wc -l < "$T/go.ev")" -ge 3 ] &&
    ! grep -vxF -f "$T/dump" "$T/go.ev" > "$T/go.odd"; then
	ok "monitor events: $(wc -l < "$T/go.ev") lines, each as rrdump's"
else
	bad "monitor events: rrdump status $dst; lines not rrdump's:"
	sed 's/^/	/' "$T/go.odd" "$T/go.ev"
fi
sed -n '/^@@ goto-back/,/^@@ to-end/p' "$O" > "$T/gb"
expect "monitor goto forwards" "$T/gb" '^icount 5000, event 2,'
sed -n '/^@@ to-end/,/^@@ to-begin/p' "$O" > "$T/te"
expect "the end of the recording" "$T/te" 'guest exited with status 0 at icount [0-9]+: the end of the recording'
expect "the end: gdb told" "$T/te" '^No more reverse-execution history'
sed -n '/^@@ to-begin/,/^@@ again-end/p' "$O" > "$T/tb"
expect "reverse-continue to the start" "$T/tb" '^No more reverse-execution history'
expect "the start: icount 0" "$T/tb" '^icount 0, event 0, pc 0x80000000, state'
s0=$(sed -n 's/^icount 0, .*state \(.*\)$/\1/p' "$O" | sort -u | wc -l)
[ "$s0" = 1 ] && ok "state at icount 0 the same both times" ||
    bad "state at icount 0 differs: $(grep '^icount 0,' "$O")"
n=$(grep -c 'gdbdemo: total 55 after 5 steps' "$T/rr.out")
[ "$n" = 1 ] && ok "guest output shown once over all the going back" ||
    bad "guest output shown $n times: $(cat "$T/rr.out")"

# ---- the state at an icount is the same however it is reached ----
{ prologue; cat <<-'EOF'
	monitor goto 3000
	monitor icount
	monitor goto 6000
	monitor goto 2999
	maintenance flush register-cache
	stepi
	monitor icount
	monitor goto 10
	monitor goto 3000
	monitor icount
	kill
	EOF
} > "$T/h.script"
RREMU_SNAP_INTERVAL=700 start replay 127.0.0.1:0 "$T/demo.rr" &&
gdbrun h "$T/h.script"
status "replay, killed mid-way" "$RST" 124
n=$(grep '^icount 3000,' "$T/h.out" | sort -u | wc -l)
c=$(grep -c '^icount 3000,' "$T/h.out")
if [ "$c" = 3 ] && [ "$n" = 1 ]; then
	ok "icount 3000 reached forwards, backwards, by stepi: one state hash"
else
	bad "icount 3000 states: $(grep '^icount 3000' "$T/h.out")"
fi
expect "killed mid-way: rremu says where" "$T/rr.err" 'stopped by gdb at icount 3000'

# ---- reverse-next and reverse-step, over and into a call ----
{ prologue; cat <<-'EOF'
	break gdbdemo.c:38
	continue
	continue
	delete
	next
	echo @@ rn\n
	reverse-next
	echo @@ rs\n
	reverse-step
	echo @@ rs2\n
	reverse-step
	echo @@ end\n
	kill
	EOF
} > "$T/n.script"
start replay 127.0.0.1:0 "$T/demo.rr" && gdbrun n "$T/n.script"
status "replay, reverse-next/step session" "$RST" 124
sed -n '/^@@ rn/,/^@@ rs$/p' "$T/n.out" > "$T/rn"
expect "reverse-next over the call" "$T/rn" '^38[[:space:]]+bump\(i\);'
sed -n '/^@@ rs$/,/^@@ rs2/p' "$T/n.out" > "$T/rs"
expect "reverse-step to the loop line" "$T/rs" '^37[[:space:]]+for \(i = 1'
sed -n '/^@@ rs2/,/^@@ end/p' "$T/n.out" > "$T/rs2"
expect "reverse-step into the call" "$T/rs2" '^bump \(v=1\) at .*gdbdemo.c:28'

# ---- replay refuses writes; detach lets the replay run to its end ----
cat > "$T/w.script" <<-'EOF'
	set architecture riscv:rv32
	set pagination off
	set confirm off
	target remote @TARGET@
	break bump
	continue
	EOF
start replay 127.0.0.1:0 "$T/demo.rr" &&
sed "s|@TARGET@|$TARGET|" "$T/w.script" > "$T/w.gdb" &&
timeout 120 $GDB -batch -nx -x "$T/w.gdb" -ex 'set var total = 5' \
    -ex 'set $a0 = 7' -ex 'print total' -ex 'print $a0' -ex detach \
    "$ELF" > "$T/w.out" 2>&1
wait $rpid
RST=$?
rpid=
status "replay, detached mid-way: runs to the end" "$RST" 0
expect "memory write refused" "$T/w.out" 'Cannot access memory at address'
expect "register write refused" "$T/w.out" 'Could not (write|set) register|E01|Remote failure'
expect "memory unchanged" "$T/w.out" '^\$1 = 0$'
expect "register unchanged" "$T/w.out" '^\$2 = 1$'
expect "refusal says why" "$T/rr.err" 'would make it diverge from the recording'
expect "detached: output complete" "$T/rr.out" 'gdbdemo: total 55 after 5 steps'

# ---- gdb goes away without a word ----
{ prologue; printf 'break bump\ncontinue\ndisconnect\n'; } > "$T/d.script"
start replay 127.0.0.1:0 "$T/demo.rr" && gdbrun d "$T/d.script"
status "replay, gdb disconnected" "$RST" 124

# ---- a Unix socket ----
{ prologue; printf 'monitor icount\ncontinue\nkill\n'; } > "$T/u.script"
start replay "$T/sock" "$T/demo.rr" && gdbrun u "$T/u.script"
status "replay over a Unix socket, killed at the end" "$RST" 0
expect "Unix socket session" "$T/u.out" '^icount 0, event 0,'
[ ! -e "$T/sock" ] && ok "Unix socket removed" || bad "Unix socket left"

# ---- run --gdb: writes allowed, no reverse, the guest's exit to gdb ----
{ prologue; cat <<-'EOF'
	break bump
	continue
	set var total = 100
	print total
	EOF
} > "$T/r.script"
start run 127.0.0.1:0 "$ELF" && gdbrun r "$T/r.script" -ex reverse-stepi \
    -ex delete -ex continue
status "run, the guest exits 1 after the write" "$RST" 1
expect "run: memory write" "$T/r.out" '^\$1 = 100$'
expect "run: no reverse execution" "$T/r.out" 'does not support this command|not supported'
expect "run: exit to gdb" "$T/r.out" 'exited with code 01'

# ---- the log's keyframes as restore points: one recording with a
# keyframe every 500 instructions, replayed twice under the same gdb
# script, once going back through in-memory snapshots and once through
# keyframes loaded from the log (no snapshot but the first, a keyframe
# always worth loading): every point must be the same state ----
$E record -q -K 500 -o "$T/keyed.rr" "$ELF" < /dev/null 2> "$T/rec.err"
status "record gdbdemo, a keyframe every 500 instructions" $? 0
{ prologue; cat <<-'EOF'
	break bump
	continue
	continue
	continue
	echo @@ k-begin\n
	monitor icount
	stepi
	monitor icount
	reverse-stepi
	monitor icount
	reverse-continue
	monitor icount
	reverse-stepi
	monitor icount
	monitor goto 100
	monitor icount
	monitor goto 5000
	monitor icount
	monitor goto 1499
	monitor icount
	echo @@ k-end\n
	monitor snapshots
	kill
	EOF
} > "$T/k.script"
for mode in mem key; do
	if [ $mode = mem ]; then
		start replay 127.0.0.1:0 "$T/keyed.rr"
	else
		RREMU_SNAP_INTERVAL=1000000000 RREMU_KEY_COST=1 \
		    start replay 127.0.0.1:0 "$T/keyed.rr"
	fi && gdbrun k-$mode "$T/k.script"
	status "keyed replay ($mode), killed" "$RST" 124
	status "gdb session k-$mode" "$GST" 0
	sed -n '/^@@ k-begin/,/^@@ k-end/p' "$T/k-$mode.out" > "$T/k-$mode.pts"
done
if [ "$(grep -c '^icount [0-9]*, event [0-9]*, pc' "$T/k-mem.pts")" = 8 ] &&
    cmp -s "$T/k-mem.pts" "$T/k-key.pts"; then
	ok "keyframes from the log: the same 8 states as from snapshots"
else
	bad "keyframes from the log: states differ from the snapshots':"
	diff "$T/k-mem.pts" "$T/k-key.pts" | sed 's/^/	/'
fi
expect "snapshots: no keyframe loaded" "$T/k-mem.out" \
    '^0 keyframes loaded from the log$'
expect "keyframes: loaded from the log" "$T/k-key.out" \
    '^([5-9]|[1-9][0-9]+) keyframes loaded from the log$'

# ---- a raw client: Ctrl-C while running, an oversized packet, and
# going away in the middle of a packet (tests/emu/gdbpoke.c) ----
start run 127.0.0.1:0 "$B/$GUESTS/compute.elf" &&
$B/gdbpoke "${TARGET%:*}" "${TARGET##*:}" > "$T/poke.out" 2>&1
PST=$?
wait $rpid
RST=$?
rpid=
sed 's/^/	/' "$T/poke.out"
status "raw client: all replies right" "$PST" 0
status "run, client gone mid-packet" "$RST" 124
expect "gone mid-packet: rremu says where" "$T/rr.err" 'stopped by gdb at icount [0-9]+'

# ---- a signal while waiting for gdb ----
start replay 127.0.0.1:0 "$T/demo.rr" && kill -TERM $rpid
wait $rpid
RST=$?
rpid=
status "replay, SIGTERM while waiting for gdb" "$RST" 124
expect "SIGTERM while waiting: says so" "$T/rr.err" 'stopped while waiting for gdb'

# ---- bad addresses ----
$E replay --gdb 127.0.0.1:notaport "$T/demo.rr" > /dev/null 2> "$T/err"
status "--gdb with a bad port" $? 125
expect "--gdb bad port says so" "$T/err" '^rremu: bad value for --gdb: 127.0.0.1:notaport: the port'
$E record --gdb 1234 -o "$T/x.rr" "$ELF" > /dev/null 2> "$T/err" < /dev/null
status "--gdb with record" $? 125

# ---- the os guest (S and U modes, Sv32): a breakpoint at a virtual
# address in U-mode, the privilege level, memory read through the
# mapping, monitor phys reading the same bytes by physical address, and
# reverse-stepi back across the SRET into S and forwards again.
OSELF=$B/$GUESTS/os.elf
$E record -q -o "$T/os.rr" "$OSELF" < /dev/null > /dev/null 2> "$T/rec.err"
status "record os" $? 0
if start replay 127.0.0.1:0 "$T/os.rr"; then
	{ prologue; cat <<-'EOF'
	break *0x00400000
	continue
	echo @@ os\n
	print $priv
	print/x $pc
	print/x (unsigned)$satp >> 31
	x/wx 0x00400000
	eval "monitor phys 0x%x 4", (unsigned)&user_start
	echo @@ back\n
	reverse-stepi
	print $priv
	x/i $pc
	stepi
	print $priv
	print/x $pc
	monitor phys 0x10 4
	kill
	EOF
	} > "$T/os.gdb.in"
	ELF=$OSELF
	gdbrun os "$T/os.gdb.in"
	O=$T/os.out
	sed -n '/@@ os/,$p' "$O" > "$T/os.tail"
	expect "os: stopped in U-mode (priv 0)" "$T/os.tail" '^\$1 = 0$'
	expect "os: at the user program's first address" "$T/os.tail" '^\$2 = 0x400000$'
	expect "os: Sv32 on" "$T/os.tail" '^\$3 = 0x1$'
	expect "os: x/wx reads the instruction through the mapping" "$T/os.tail" '0x400000:[[:space:]]+0x00501137$'
	expect "os: monitor phys reads it at its physical address" "$T/os.tail" '^37 11 50 00$'
	expect "os: monitor phys refuses an address outside RAM" "$T/os.tail" '0x10: not RAM'
	sed -n '/@@ back/,$p' "$O" > "$T/os.back"
	expect "os: reverse-stepi goes back to S (priv 1)" "$T/os.back" '^\$4 = 1$'
	expect "os: ... to the kernel's sret" "$T/os.back" 'sret'
	expect "os: stepi comes back to U" "$T/os.back" '^\$5 = 0$'
	expect "os: ... at the user program's first address" "$T/os.back" '^\$6 = 0x400000$'
fi

echo "gdb ($GUESTS): $pass passed, $fail failed"
[ "$fail" = 0 ]
