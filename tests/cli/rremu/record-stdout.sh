# -o - writes the log to standard output (with -q), here a pipe.  Icounts
# masked: they depend on the guest's code.  Both statuses are printed (a
# pipeline keeps only its last command's).
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
{ $B/rremu record -q -o - $B/guests/hello.elf </dev/null; echo $? >"$t/st"; } |
    $B/rrdump -k output,end >"$t/dump"
echo "rrdump: $?"
echo "record: $(cat "$t/st")"
sed 's/^\([0-9]*\) [0-9]* /\1 N /' "$t/dump"
