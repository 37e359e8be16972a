# A flipped byte inside a block: replay checks everything before it, then
# names the log, the block's offset and the event it was reading, in the
# form of rr(7) (no "log:" in the middle), with status 125.  Offsets
# are masked: the compressed keyframe's size varies with the recording id.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -B 1K --checkpoint-interval 5000 -o "$t/e.rr" $B/guests/echo.elf \
    < tests/guests/echo.in || echo "record failed"
cp "$t/e.rr" "$t/f.rr"
# a byte inside the second block's payload (blocks start after the
# header; the first block holds the keyframe)
off=$($B/rrdump --json --blocks "$t/e.rr" | sed -n '2s/.*"offset":\([0-9]*\).*/\1/p')
printf '\377' | dd of="$t/f.rr" bs=1 seek=$((off + 100)) conv=notrunc 2>/dev/null
$B/rremu replay -q "$t/f.rr" 2>&1 | sed -e "s|$t|\$T|" -e "s/offset [0-9]*/offset N/g"
$B/rremu replay -q "$t/f.rr" 2>/dev/null
echo "replay: $?"
