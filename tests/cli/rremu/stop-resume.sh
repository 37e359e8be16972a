# Stop at 10000, save, resume: the two outputs make the whole one, and
# virtual time goes on as if the run had not stopped.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu run $B/guests/timer.elf </dev/null >"$t/full" || exit
$B/rremu run -u 10000 -S "$t/s.snap" $B/guests/timer.elf </dev/null \
    >"$t/a" 2>"$t/err"
rc=$?
sed 's/pc 0x[0-9a-f]*/pc PC/' "$t/err" >&2
echo "stop: $rc"
$B/rremu run -L "$t/s.snap" $B/guests/timer.elf </dev/null >"$t/b"
echo "resume: $?"
cat "$t/a" "$t/b" | cmp - "$t/full" && echo "stopped + resumed = whole"
cat "$t/a"
