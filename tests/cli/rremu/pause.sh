# -P in any order; with -S a snapshot at each pause, named SNAP.ICOUNT.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
mkdir "$t/snap" || exit 2
$B/rremu run -q -v -P 2000,1000 -S "$t/snap/p" $B/guests/hello.elf \
    </dev/null 2>"$t/err"
rc=$?
sed -e 's/pc 0x[0-9a-f]*/pc PC/' -e 's/run: [0-9]* instructions/run: N instructions/' "$t/err" >&2
ls "$t/snap"
exit $rc
