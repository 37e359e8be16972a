# -e and -i on QEMU logs: only the events in the range, in each log.
D=$B/data
# Events 0-9: before the differing input (event 10): the same.
$B/rrdiff -e 0-9 $D/qemu-every-kind.qlog $D/qemu-guest-parts.qlog
echo "status $?"
# From event 11: the input is left out, the char-write parts.
$B/rrdiff -e 11- $D/qemu-every-kind.qlog $D/qemu-guest-parts.qlog
echo "status $?"
# From icount 21: b's input at 25 is one a has not there (a's is at 20),
# and the guest's char-write at 40 comes at 45 in b.
$B/rrdiff -i 21- $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
# The third event from the end (a char-write), through the side index.
$B/rrdiff -e '~3' $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
# Icounts from the end: the last 5 instructions of each (36-40, 41-45).
$B/rrdiff -i '~5-' $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
# Past either end: nothing compared, the same.
$B/rrdiff -e 1000- $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog
echo "status $?"
# A range from the end needs files: standard input is refused, exit 2.
$B/rrdiff -e '~3' $D/qemu-causes-a.qlog - < $D/qemu-causes-b.qlog
echo "status $?"
# Events up to 40: the damage after them is not reached.
Q=tests/fuzz/corpus/fuzz_qreplay
$B/rrdiff -e -40 $Q/qemu72-hello.bin $Q/qemu72-hello-cut.bin
echo "status $?"
# The second event from the end: a's shutdown; b's (cut: the last
# whole event is 61) is an instruction event, so b has no guest event.
$B/rrdiff -e '~2' $Q/qemu72-hello.bin $Q/qemu72-hello-cut.bin
echo "status $?"
# A range from the end of a log on a named pipe: it cannot be read twice
# for its extent, exit 2.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
mkfifo "$t/fifo" || exit 2
cat $D/qemu-causes-b.qlog >"$t/fifo" &
$B/rrdiff -e '~3' $D/qemu-causes-a.qlog "$t/fifo" 2>"$t/err"
echo "status $?"
sed "s|$t/|\$T/|" "$t/err"
# Never a writer blocked for good (rrdiff failing before it opens the
# FIFO): a reader and writer end of our own lets its open return.
exec 3<>"$t/fifo"
wait $!
echo "writer $?"
exec 3<&-
