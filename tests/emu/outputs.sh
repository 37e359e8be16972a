#!/bin/sh
# Outputs that never harm (rr(7), "Outputs"):
#   - in a private mount namespace with its own /dev (a tmpfs holding
#     null and full nodes), rrcut, rrmerge and rremu's -o, -S and pause
#     names pointed at those nodes: the nodes stay nodes, /dev/null takes
#     the bytes, /dev/full says "No space left on device" with the
#     documented status;
#   - every file rremu reads or writes, named again as an output by its
#     path, a symbolic link, a hard link, "./" and an absolute path, is
#     refused, and no file changes (checksums before and after);
#   - a cut interrupted by SIGINT, SIGTERM or SIGHUP leaves no temporary
#     file and no output, and an old output as it was.
# The namespace test skips (with the reason) only when not run as root;
# as root (CI) a namespace that cannot be made is a failure.
B=${B:-build}
. tests/emu/lib.sh
X=$(cd "$B" && pwd)
echo "emu outputs"

# ---- the namespace: /dev/null and /dev/full as outputs ----

# What runs inside: prints "ok ..." or "FAIL ..." lines.
cat >"$T/ns.sh" <<'EOF'
X=$1 T=$2
mount -t tmpfs rrtest /dev || exit 3
mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 || exit 3
say() { if [ "$1" = 0 ]; then echo "ok   $2"; else echo "FAIL $2"; fi; }
nodes() { [ -c /dev/null ] && [ -c /dev/full ]; }
# null CMD...: exit 0 and /dev/null still a node.
null() {
	name=$1; shift
	"$@" >"$T/ns.out" 2>"$T/ns.err"; st=$?
	nodes && [ "$st" = 0 ]; say $? "$name to /dev/null: exit $st, still a node"
}
# full NAME WANT TARGET CMD...: exit WANT, one message that names TARGET
# with ENOSPC, the nodes still nodes.
full() {
	name=$1 want=$2 target=$3; shift 3
	"$@" >"$T/ns.out" 2>"$T/ns.err"; st=$?
	nodes && [ "$st" = "$want" ] &&
	    grep -q "^[a-z]*: $target: .*No space left on device" "$T/ns.err" &&
	    [ "$(grep -c . "$T/ns.err")" = 1 ]
	ok=$?
	say $ok "$name to /dev/full: exit $st (want $want), one message"
	[ "$ok" = 0 ] || cat "$T/ns.err"
}
L=$T/rec.rr
null "rrcut -o" "$X/rrcut" -q -i 0- -o /dev/null "$L"
full "rrcut -o" 2 /dev/full "$X/rrcut" -q -i 0- -o /dev/full "$L"
null "rrcut --salvage -o" "$X/rrcut" -q --salvage -o /dev/null "$L"
null "rrmerge -o" "$X/rrmerge" -q -o /dev/null "$L"
full "rrmerge -o" 2 /dev/full "$X/rrmerge" -q -o /dev/full "$L"
null "rremu record -o" "$X/rremu" record -q -o /dev/null "$X/guests/hello.elf"
full "rremu record -o" 125 /dev/full "$X/rremu" record -q -o /dev/full "$X/guests/hello.elf"
null "rremu run -S" "$X/rremu" run -q -u 1000 -S /dev/null "$X/guests/hello.elf"
full "rremu run -S" 125 /dev/full "$X/rremu" run -q -u 1000 -S /dev/full "$X/guests/hello.elf"
null "rremu replay -S" "$X/rremu" replay -q -u 1000 -S /dev/null "$L"
# A pause's name (-S NAME -P N writes NAME.N), a link to the node.
ln -s /dev/full /dev/snap.500 || exit 3
full "rremu -P name" 125 /dev/snap.500 "$X/rremu" run -q -P 500 -S /dev/snap "$X/guests/hello.elf"
[ -L /dev/snap.500 ]; say $? "the pause's link stays a link"
# A folder where no file can be made (a tmpfs with no inode left): the
# temporary file cannot be created; one message, exit 2, nothing held.
mkdir -p /dev/noroom && mount -t tmpfs -o nr_inodes=1 rrfull /dev/noroom || exit 3
"$X/rrcut" -q -i 0- -o /dev/noroom/out.rr "$L" >"$T/ns.out" 2>"$T/ns.err"; st=$?
[ "$st" = 2 ] && grep -q '^rrcut: /dev/noroom/out.rr: cannot create a temporary file: No space left on device$' "$T/ns.err" &&
    [ "$(grep -c . "$T/ns.err")" = 1 ]
ok=$?
say $ok "rrcut -o in a folder with no room: exit $st, one message"
[ "$ok" = 0 ] || cat "$T/ns.err"
EOF

$E record -q -o "$T/rec.rr" "$G/hello.elf" >/dev/null || bad "record"
if [ "$(id -u)" != 0 ]; then
	echo "skip namespace tests: not root (unshare -m needs it)"
elif ! unshare -m true 2>"$T/unshare.err"; then
	bad "namespace: unshare -m failed as root: $(cat "$T/unshare.err")"
else
	unshare -m sh "$T/ns.sh" "$X" "$T" >"$T/ns.log" 2>&1
	st=$?
	cat "$T/ns.log"
	pass=$((pass + $(grep -c '^ok ' "$T/ns.log")))
	fail=$((fail + $(grep -c '^FAIL ' "$T/ns.log")))
	[ "$st" = 0 ] || bad "namespace script exit $st"
	[ -c /dev/null ] && [ -c /dev/full ] || bad "the host's /dev changed"
fi

# ---- no input of rremu is ever an output ----

W=$T/w
mkdir "$W" || exit 2
cp "$G/hello.elf" "$W/g.elf"
printf 'input\n' >"$W/in.txt"
$E record -q -o "$W/log.rr" "$W/g.elf" </dev/null >/dev/null
$E run -q -u 500 -S "$W/s.snap" "$W/g.elf" >/dev/null 2>&1
sums() { (cd "$W" && cksum g.elf in.txt log.rr s.snap); }
before=$(sums)
# names FILE: the ways of naming W/FILE again, one per line.
names() {
	ln -sf "$1" "$W/sym-$1"
	rm -f "$W/hard-$1"
	ln "$W/$1" "$W/hard-$1"
	printf '%s\n' "$W/$1" "$W/sym-$1" "$W/hard-$1" "$W/./$1" \
	    "$(cd "$W" && pwd -P)/$1"
}
# refused NAME CMD...: exit 125 with "input of this run", nothing changed.
refused() {
	name=$1; shift
	(cd "$W" && "$@") >/dev/null 2>"$T/ref.err" </dev/null
	st=$?
	if [ "$st" = 125 ] && grep -q 'is an input of this run' "$T/ref.err" &&
	    [ "$(sums)" = "$before" ]; then
		ok "$name: refused"
	else
		bad "$name: exit $st, files changed: $([ "$(sums)" = "$before" ] && echo no || echo yes)"
		cat "$T/ref.err"
	fi
}
for n in $(names g.elf); do
	refused "run -S over the ELF as $n" $X/rremu run -q -u 500 -S "$n" g.elf
	refused "record -o over the ELF as $n" $X/rremu record -q -o "$n" g.elf
done
for n in $(names log.rr); do
	refused "replay -S over the log as $n" $X/rremu replay -q -u 500 -S "$n" log.rr
done
for n in $(names s.snap); do
	refused "run -S over -L as $n" $X/rremu run -q -L s.snap -N 600 -S "$n" g.elf
	refused "record -o over -L as $n" $X/rremu record -q -L s.snap -o "$n" g.elf
done
for n in $(names in.txt); do
	refused "record -o over -I as $n" $X/rremu record -q -I in.txt -o "$n" g.elf
	refused "run -S over -I as $n" $X/rremu run -q -I in.txt -u 500 -S "$n" g.elf
done
# Standard input, when it is a file.
for n in $(names in.txt); do
	(cd "$W" && $X/rremu record -q -o "$n" g.elf <in.txt) >/dev/null 2>"$T/ref.err"
	st=$?
	[ "$st" = 125 ] && [ "$(sums)" = "$before" ] &&
	    ok "record -o over stdin as $n: refused" ||
	    bad "record -o over stdin as $n: exit $st"
done
# -S the same file as -o: the log being written is a file of the run.
(cd "$W" && rm -f new.rr && $X/rremu record -q -u 500 -S new.rr -o new.rr g.elf) \
    >/dev/null 2>"$T/ref.err"
st=$?
[ "$st" = 125 ] && grep -q 'is an input of this run' "$T/ref.err" &&
    ok "record -S equal to -o: refused" || { bad "record -S equal to -o: exit $st"; cat "$T/ref.err"; }
# A pause's name that is the log being replayed.
cp "$W/log.rr" "$W/p.500"
(cd "$W" && $X/rremu replay -q -P 500 -S p p.500) >/dev/null 2>"$T/ref.err"
st=$?
cmp -s "$W/log.rr" "$W/p.500" && [ "$st" = 125 ] &&
    ok "a pause's name equal to the log: refused, log intact" ||
    { bad "a pause's name equal to the log: exit $st"; cat "$T/ref.err"; }
# A pause's name that is the log being recorded: the log became a file
# of the run when it was opened, after the options were checked.
(cd "$W" && rm -f rec.500 && $X/rremu record -q -P 500 -S rec -o rec.500 \
    g.elf </dev/null) >/dev/null 2>"$T/ref.err"
st=$?
$X/rrdump -k end "$W/rec.500" >"$T/rec.end" 2>&1
dst=$?
[ "$st" = 125 ] && grep -q 'rec.500: .*is an input of this run' "$T/ref.err" &&
    [ "$dst" = 0 ] && grep -q ' end error ' "$T/rec.end" &&
    ok "a pause's name equal to the log recorded: refused, log intact" ||
    { bad "a pause's name equal to the log recorded: exit $st"; cat "$T/ref.err"; }
# A folder that cannot be written is found before the run starts.
$E run -q -u 500 -S "$W/none/x.snap" "$W/g.elf" >/dev/null 2>"$T/ref.err"
st=$?
[ "$st" = 125 ] && grep -q 'cannot write in folder' "$T/ref.err" &&
    ok "-S in a missing folder: refused before the run" ||
    { bad "-S in a missing folder: exit $st"; cat "$T/ref.err"; }

# ---- interrupted cuts leave nothing behind ----

# The fsync before the rename is held 2 s (strace), so the signal comes
# while the temporary file is complete and not yet renamed.
if ! command -v strace >/dev/null; then
	bad "strace is needed for the interrupt tests (make deps)"
else
	for sig in INT TERM HUP; do
		rm -rf "$T/cut" && mkdir "$T/cut" || exit 2
		printf 'old\n' >"$T/cut/old.rr"
		# A background job starts with SIGINT ignored: undo that.
		env --default-signal=INT,TERM,HUP \
		    strace -f -qq -o /dev/null -e trace=fsync \
		    -e inject=fsync:delay_enter=2000000 \
		    $X/rrcut -q -i 0- -o "$T/cut/old.rr" "$T/rec.rr" &
		pid=$!
		i=0
		while [ $i -lt 100 ] && ! ls -a "$T/cut" | grep -q '^\.rr-tmp'; do
			sleep 0.05; i=$((i + 1))
		done
		sleep 0.2
		pkill -"$sig" -P "$pid" -x rrcut
		wait "$pid"
		left=$(ls -a "$T/cut" | grep -c '^\.rr-tmp')
		if [ "$left" = 0 ] && [ "$(cat "$T/cut/old.rr")" = old ] && [ $i -lt 100 ]; then
			ok "rrcut interrupted by SIG$sig: no temporary file, the old output as it was"
		else
			bad "rrcut interrupted by SIG$sig: $left temporary files, old output: $(head -c 20 "$T/cut/old.rr")"
		fi
	done
fi

# ---- rremu record closes its log on SIGHUP (the terminal went) ----

(sleep 5 | env --default-signal=HUP $E record -q -o "$T/hup.rr" "$G/echo.elf" \
    >/dev/null 2>"$T/hup.err") &
i=0
while [ $i -lt 100 ] && ! pgrep -f "record -q -o $T/hup.rr" >/dev/null; do
	sleep 0.05; i=$((i + 1))
done
sleep 0.3
pkill -HUP -f "record -q -o $T/hup.rr"
wait
$B/rrverify -q "$T/hup.rr" 2>"$T/hupv.err"
vst=$?
if [ $vst = 0 ] && $D -k end "$T/hup.rr" | grep -q 'end stopped'; then
	ok "rremu record on SIGHUP: the log is closed (END stopped, valid)"
else
	bad "rremu record on SIGHUP: rrverify $vst, END: $($D -k end "$T/hup.rr" 2>&1)"
	cat "$T/hupv.err" "$T/hup.err"
fi

# ---- a binary log is not written to a terminal, unless --tty ----

# script(1) runs the tool on a pseudo-terminal; -e passes its status on.
if command -v script >/dev/null; then
	$E record -q -o "$T/tty.rr" "$G/hello.elf" >/dev/null 2>&1 ||
	    bad "rremu record hello for the terminal cases"
	for t in "rrcut -i 0-" "rrmerge"; do
		script -qec "$B/$t -o - $T/tty.rr" /dev/null >"$T/tty.out" 2>&1
		st=$?
		# One line: the message, and no log bytes after it.
		if [ $st = 2 ] && grep -q 'standard output is a terminal' "$T/tty.out" &&
		    [ "$(wc -c <"$T/tty.out")" -lt 200 ]; then
			ok "${t%% *} -o - on a terminal: refused, exit 2, nothing written"
		else
			bad "${t%% *} -o - on a terminal: exit $st: $(head -c 200 "$T/tty.out")"
		fi
		script -qec "$B/$t --tty -o - $T/tty.rr" /dev/null >"$T/tty.out" 2>&1
		st=$?
		if [ $st = 0 ] && grep -aq 'RR' "$T/tty.out"; then
			ok "${t%% *} --tty -o - on a terminal: written, exit 0"
		else
			bad "${t%% *} --tty -o - on a terminal: exit $st"
		fi
		# A pipe is not a terminal: written, as ever.
		{ $B/$t -o - "$T/tty.rr" 2>/dev/null; echo $? >"$T/tty.st"; } |
		    cat >"$T/tty.pipe.rr"
		if [ "$(cat "$T/tty.st")" = 0 ] && $B/rrverify -q "$T/tty.pipe.rr"; then
			ok "${t%% *} -o - into a pipe: written, a valid log"
		else
			bad "${t%% *} -o - into a pipe: exit $(cat "$T/tty.st")"
		fi
	done
	# A replay that takes over a second says how far it is on a
	# terminal (stderr), and takes the line away at the end; not when
	# the guest's output shares the terminal, nor off a terminal.
	$E record -q -o "$T/long.rr" "$G/compute.elf" >/dev/null 2>&1 ||
	    bad "rremu record compute for the progress cases"
	script -qec "$E replay -q $T/long.rr" /dev/null >"$T/pg.out" 2>&1
	st=$?
	if [ $st = 0 ] && grep -aq "rremu: [^ ]*long.rr: *[0-9]*%" "$T/pg.out" &&
	    [ "$(tail -c 3 "$T/pg.out" | od -An -c | tr -d ' ')" = '033[K' ]; then
		ok "rremu replay -q on a terminal: progress, then the line cleared"
	else
		bad "rremu replay -q on a terminal: exit $st, $(head -c 120 "$T/pg.out" | od -An -c | head -2)"
	fi
	script -qec "$E replay $T/long.rr" /dev/null >"$T/pg.out" 2>&1
	st=$?
	if [ $st = 0 ] && ! grep -aq '%' "$T/pg.out"; then
		ok "rremu replay with the guest's output on the terminal: no progress"
	else
		bad "rremu replay, guest output on the terminal: exit $st"
	fi
	$E replay -q "$T/long.rr" 2>"$T/pg.err"
	st=$?
	if [ $st = 0 ] && [ ! -s "$T/pg.err" ]; then
		ok "rremu replay -q off a terminal: nothing on stderr"
	else
		bad "rremu replay -q off a terminal: exit $st, $(head -c 80 "$T/pg.err")"
	fi
else
	echo "skip the terminal cases: script(1) missing (util-linux)"
fi

echo "emu outputs: $pass passed, $fail failed"
[ "$fail" = 0 ]
