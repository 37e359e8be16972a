# A log cut inside its first block (the keyframe's).  The block's size
# varies by a few bytes with the random recording id it compresses, so it
# is masked.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -o "$t/hello.rr" $B/guests/hello.elf </dev/null || exit
head -c 1000 "$t/hello.rr" >"$t/cut.rr"
$B/rremu replay "$t/cut.rr" 2>"$t/err"
rc=$?
sed -e "s|$t/|\$T/|g" -e 's/ of [0-9]* bytes)/ of N bytes)/' "$t/err" >&2
exit $rc
