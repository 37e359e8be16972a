#!/bin/sh
# Semihosting (emu/semihost.c, emu/shhost.c, the gate's SEMIHOST events).
# Needs $B/tamper (make emu-props builds it).
#   - off by default: the call is a breakpoint exception, as on QEMU
#     without -semihosting (shtrap); on with --semihosting;
#   - picolibc guests (guests/picolibc/): printf, stderr, a file
#     under the root folder and exit(3) give QEMU's output and status
#     (shfile); scanf from standard input (shin); bad arguments each come
#     back -1 with an errno and the run goes on (shbad, its output
#     compared with tests/emu/semihost/shbad.out);
#   - recorded, then replayed in an empty folder with no input: the same
#     output and status; rrverify --replay, rrdump (text, JSON), rrdiff
#     (a different input is named as the cause) and rrcut (a cut at a
#     keyframe replays) handle the events;
#   - a snapshot taken in the middle of a file read resumes to the same
#     end (the handle is opened again by its path).
B=${B:-build}
. tests/emu/lib.sh
QEMU=${QEMU:-qemu-system-riscv32}
P=$B/guests/picolibc
S=tests/emu/semihost
R=$(pwd)
QARGS="-M virt -bios none -display none -serial none -monitor none"
QARGS="$QARGS -chardev stdio,id=c0"
QARGS="$QARGS -semihosting-config enable=on,target=native,chardev=c0"
case $B in
/*) ;;
*) B=$R/$B; E=$R/$E; D=$R/$D; G=$R/$G; P=$R/$P ;;
esac
# A guest that hangs ends the run (exit 124) instead of the test.
N="-N 20000000"	# 200 times what the longest (shbad) runs

# The root folder: the file, a folder, and links that lead out of it.
mkdir -p "$T/root/dir" "$T/root/sub" "$T/empty"
cp "$S/shfile.txt" "$T/root/"
echo secret >"$T/outside.txt"
ln -s ../outside.txt "$T/root/link.txt"
ln -s .. "$T/root/sublink"

# same NAME FILE1 FILE2: ok when equal, else the diff.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		bad "$1"
		diff "$2" "$3" | sed -n '1,20s/^/	/p'
	fi
}

# ---- off by default, on when asked ----
$E run $N "$G/shtrap.elf" >"$T/shtrap.out" 2>/dev/null
st=$?
if [ "$st" = 100 ] && grep -q "mepc is the EBREAK: ok" "$T/shtrap.out"; then
	ok "off: the call is a breakpoint exception (the guest's handler exits 100)"
else
	bad "off: exit $st, or no breakpoint reported"
fi
out=$($E run $N --semihosting "$G/shtrap.elf" </dev/null 2>/dev/null)
st=$?
if [ "$st" = 0 ] && [ "$(printf '%s\n' "$out" | sed -n 2p)" = \
    "shtrap: written by semihosting" ]; then
	ok "on: WRITE0 writes to the console and the guest goes on"
else
	bad "on: exit $st, output: $out"
fi

# ---- shfile: as QEMU, recorded, replayed with no file ----
(cd "$T/root" && $E run $N -q --semihosting --semihosting-root . \
    "$P/shfile.elf" </dev/null >/dev/null 2>&1; echo $? >"$T/q.st")
(cd "$T/root" && $E run $N --semihosting --semihosting-root . "$P/shfile.elf" \
    </dev/null >"$T/shfile.rremu" 2>/dev/null; echo $? >"$T/rremu.st")
if command -v "$QEMU" >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	(cd "$T/root" && timeout 60 $QEMU $QARGS -kernel "$P/shfile.elf" \
	    </dev/null >"$T/shfile.qemu" 2>/dev/null; echo $? >"$T/qemu.st")
	if [ "$(cat "$T/qemu.st")" = "$(cat "$T/rremu.st")" ] &&
	    [ "$(cat "$T/rremu.st")" = 3 ]; then
		ok "shfile: exit status 3, as QEMU's"
	else
		bad "shfile: status $(cat "$T/rremu.st"), QEMU $(cat "$T/qemu.st")"
	fi
	same "shfile: output as QEMU's (stdout and stderr through the console)" \
	    "$T/shfile.qemu" "$T/shfile.rremu"
else
	bad "shfile: $QEMU not found (make deps)"
fi
grep -q 'read: second line, the last' "$T/shfile.rremu" ||
    bad "shfile: the file's second line was not read"

(cd "$T/root" && $E record $N -q --semihosting --semihosting-root . -o \
    "$T/shfile.rr" "$P/shfile.elf" </dev/null >/dev/null 2>&1)
st=$?
(cd "$T/empty" && $E replay $N "$T/shfile.rr" </dev/null \
    >"$T/shfile.replay" 2>"$T/replay.err")
rst=$?
if [ "$st" = 3 ] && [ "$rst" = 3 ]; then
	ok "shfile: recorded and replayed with no root folder: status 3"
else
	bad "shfile: record $st, replay $rst"
	sed 's/^/	/' "$T/replay.err"
fi
same "shfile: the replay writes what the run did" "$T/shfile.rremu" \
    "$T/shfile.replay"
if $D "$T/shfile.rr" | grep -q 'semihost op=0x06 result=0 errno=0 45 bytes "first line of the file' &&
    $D -H "$T/shfile.rr" | grep -q '^semihosting = 1' &&
    $D --json -k semihost "$T/shfile.rr" | grep -q '"kind":"semihost","op":1,"result":0,"errno":0'; then
	ok "shfile: rrdump shows the header, the OPEN and the READ (text, JSON)"
else
	bad "shfile: rrdump of the semihost events"
fi
if $B/rrverify --replay "$T/shfile.rr" >"$T/v.out" 2>&1; then
	ok "shfile: rrverify --replay: valid, replay matches"
else
	bad "shfile: rrverify --replay"
	sed 's/^/	/' "$T/v.out"
fi

# The rv32imac build (picolibc's C multilib): as QEMU, and replayed.
PC=$B/guests-c/picolibc
(cd "$T/root" && $E run $N --semihosting --semihosting-root . \
    "$PC/shfile.elf" </dev/null >"$T/c.rremu" 2>/dev/null; echo $? >"$T/c.st")
(cd "$T/root" && $E record $N -q --semihosting --semihosting-root . -o \
    "$T/c.rr" "$PC/shfile.elf" </dev/null >/dev/null 2>&1)
(cd "$T/empty" && $E replay $N "$T/c.rr" </dev/null >"$T/c.replay" 2>/dev/null;
    echo $? >"$T/c.rst")
if command -v "$QEMU" >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	(cd "$T/root" && timeout 60 $QEMU $QARGS -kernel "$PC/shfile.elf" \
	    </dev/null >"$T/c.qemu" 2>/dev/null)
fi
if [ "$(cat "$T/c.st")" = 3 ] && [ "$(cat "$T/c.rst")" = 3 ] &&
    cmp -s "$T/c.rremu" "$T/shfile.rremu" && cmp -s "$T/c.qemu" \
    "$T/c.rremu" && cmp -s "$T/c.replay" "$T/c.rremu"; then
	ok "shfile (rv32imac): as QEMU, and replayed with no file"
else
	bad "shfile (rv32imac): run $(cat "$T/c.st"), replay $(cat "$T/c.rst")"
fi

# ---- a snapshot in the middle, resumed ----
# Stopped at 6000 (inside the first printf) and at 12000 (after the
# OPEN, before the READ): what the stopped run wrote and what the
# resumed one writes make the whole output.
for at in 6000 12000; do
	(cd "$T/root" && $E run $N --semihosting --semihosting-root . -u $at \
	    -S "$T/mid.snap" "$P/shfile.elf" </dev/null >"$T/first.out" \
	    2>/dev/null)
	(cd "$T/root" && $E run $N --semihosting --semihosting-root . -L \
	    "$T/mid.snap" "$P/shfile.elf" </dev/null >"$T/rest.out" 2>/dev/null)
	st=$?
	cat "$T/first.out" "$T/rest.out" >"$T/whole.out"
	if [ "$st" = 3 ] && [ -s "$T/rest.out" ] &&
	    cmp -s "$T/whole.out" "$T/shfile.rremu"; then
		ok "shfile: stopped at $at, resumed from the snapshot: the same output"
	else
		bad "shfile: resumed at $at: status $st"
		diff "$T/shfile.rremu" "$T/whole.out" | sed 's/^/	/'
	fi
done
$E run $N -q -L "$T/mid.snap" "$P/shfile.elf" </dev/null >/dev/null 2>"$T/err"
st=$?
if [ "$st" = 125 ] && grep -q 'with semihosting' "$T/err"; then
	ok "shfile: its snapshot without --semihosting is refused (125)"
else
	bad "shfile: snapshot without --semihosting: exit $st"
fi

# ---- shin: standard input, recorded ----
$E record $N -q --semihosting -o "$T/shin.rr" "$P/shin.elf" <"$S/shin.in" \
    >/dev/null 2>&1
st=$?
(cd "$T/empty" && $E replay $N "$T/shin.rr" </dev/null >"$T/shin.out" 2>&1)
rst=$?
if [ "$st" = 0 ] && [ "$rst" = 0 ] && [ "$(cat "$T/shin.out")" = "shin: sum: 2 + 40 = 42
shin: then: more" ]; then
	ok "shin: scanf from standard input, replayed with none"
else
	bad "shin: record $st, replay $rst"
	sed 's/^/	/' "$T/shin.out"
fi
# A byte the guest read, changed in the log: the replay parts (123).
n=$($D -k semihost "$T/shin.rr" | sed -n 2p | awk '{ print $1 }')
"$B/tamper" "$T/shin.rr" "$T/shin-t.rr" "$n" >/dev/null 2>&1
(cd "$T/empty" && $E replay $N -q "$T/shin-t.rr" </dev/null >/dev/null \
    2>"$T/err")
st=$?
if [ "$st" = 123 ] && grep -q divergence "$T/err"; then
	ok "shin: a changed READC byte in the log: the replay diverges (123)"
else
	bad "shin: tampered event <$n>: replay exit $st"
	sed 's/^/	/' "$T/err"
fi
printf 'sum 2 41\nmore\n' | $E record $N -q --semihosting -o "$T/shin2.rr" \
    "$P/shin.elf" >/dev/null 2>&1
$B/rrdiff "$T/shin.rr" "$T/shin2.rr" >"$T/diff.out" 2>&1
st=$?
if [ "$st" = 1 ] && grep -q 'semihost' "$T/diff.out"; then
	ok "shin: rrdiff of two inputs names a semihost event (exit 1)"
else
	bad "shin: rrdiff exit $st"
	sed 's/^/	/' "$T/diff.out"
fi

# ---- shbad: bad arguments, each a clean -1 ----
cp "$P/shbad.elf" "$T/root/"
(cd "$T/root" && $E record $N -q -K 20000 --semihosting --semihosting-root . \
    -o "$T/shbad.rr" shbad.elf one two </dev/null >/dev/null 2>&1;
    echo $? >"$T/st")
(cd "$T/root" && $E run $N --semihosting --semihosting-root . shbad.elf one \
    two </dev/null >"$T/shbad.out" 2>/dev/null)
same "shbad: every bad call is -1 with its errno; the run goes on" \
    "$S/shbad.out" "$T/shbad.out"
(cd "$T/empty" && $E replay $N "$T/shbad.rr" </dev/null >"$T/shbad.replay" \
    2>/dev/null)
rst=$?
if [ "$(cat "$T/st")" = 0 ] && [ "$rst" = 0 ]; then
	ok "shbad: recorded and replayed (exit 0)"
else
	bad "shbad: record $(cat "$T/st"), replay $rst"
fi
same "shbad: the replay writes the same" "$T/shbad.out" "$T/shbad.replay"
# A cut at a keyframe after the calls began replays on its own.
n=$($D -k keyframe "$T/shbad.rr" | sed -n 2p | awk '{ print $2 }')
if [ -n "$n" ] && $B/rrcut -q -i "$n"- -o "$T/cut.rr" "$T/shbad.rr" &&
    $E replay $N -q "$T/cut.rr" </dev/null >/dev/null 2>&1; then
	ok "shbad: a cut from the keyframe at icount $n replays"
else
	bad "shbad: cut at keyframe icount <$n>"
fi
$E run $N -q --semihosting --semihosting-root "$T/nonesuch" "$P/shfile.elf" \
    </dev/null 2>"$T/err"
st=$?
if [ "$st" = 125 ] && grep -q 'semihosting root' "$T/err"; then
	ok "a root folder that is not there is refused (125)"
else
	bad "missing root: exit $st"
fi
$E replay $N --semihosting "$T/shbad.rr" </dev/null 2>/dev/null
st=$?
[ "$st" = 125 ] && ok "replay refuses --semihosting (the log says)" ||
    bad "replay --semihosting: exit $st"

echo "semihost: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
