# --replay: a recording replays and matches; the same with one clock value
# tampered diverges where rremu replay says (exit 1); -q says nothing.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/echo.rr" $B/guests/echo.elf \
    <tests/guests/echo.in >/dev/null || exit
$B/rrverify --replay "$t/echo.rr" | sed "s|$t/|\$T/|g"
echo "rc=$?"
$B/rremu record -q --checkpoint-interval 1000 -o "$t/clock.rr" $B/guests/clock.elf \
    </dev/null || exit
n=$($B/rrdump -k clock "$t/clock.rr" | sed -n '1s/ .*//p')
$B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1 >/dev/null || exit
$B/rrverify -r "$t/bad.rr" >"$t/out" 2>"$t/err"
echo "rc=$?"
sed -e "s|$t/|\$T/|g" -e 's/[0-9][0-9]*/N/g' "$t/out"
$B/rremu replay -q "$t/bad.rr" 2>"$t/rremu"
sed "s/^rremu:/rrverify:/" "$t/rremu" | cmp -s - "$t/err" &&
    echo "the same divergence as rremu replay"
$B/rrverify -q -r "$t/bad.rr"
echo "quiet rc=$?"
# As JSON: the replay record says where (pc, 8 hex digits), which parts
# and where the state last agreed, as the message does; the result last.
$B/rrverify -r -j "$t/bad.rr" >"$t/json" 2>/dev/null
echo "json rc=$?"
agreed=$(sed -n 's/.*state last agreed at icount \([0-9]*\).*/\1/p' "$t/err")
pc=$(sed -n 's/.*(pc \(0x[0-9a-f]*\)).*/\1/p' "$t/err")
jq -r --arg pc "$pc" --argjson agreed "$agreed" 'select(.type == "replay") |
    [.verdict, .pc == $pc, .agree_icount == $agreed,
    (.parts | length > 0)] | @tsv' "$t/json"
echo "jq rc=$?"
jq -s -r 'last | .type' "$t/json"
