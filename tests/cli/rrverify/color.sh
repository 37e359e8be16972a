# --color=always paints each verdict by what it says (ESC shown as ^[):
# valid and a replay that matches green, truncated yellow, corrupt and a
# replay that diverges red.  --color=never paints nothing.
t=$(mktemp -d) || exit 2
e=$(printf '\033')
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -o "$t/clock.rr" $B/guests/clock.elf \
    </dev/null || exit
n=$($B/rrdump -k clock "$t/clock.rr" | sed -n '1s/ .*//p')
$B/tamper "$t/clock.rr" "$t/bad.rr" "$n" 1 >/dev/null || exit
$B/rrverify --color=always -r "$t/clock.rr" "$t/bad.rr" >"$t/out" 2>/dev/null
echo "rc=$?"
sed -e "s|$t/|\$T/|g" -e 's/^  .*/  (counts)/' -e "s/$e/^[/g" \
    -e 's/([0-9]* instructions, [0-9]* events)/(N instructions, N events)/' \
    "$t/out"
$B/rrverify --color=always $B/data/bad-v-cut-between.rr $B/data/bad-flip.rr \
    >"$t/out" 2>/dev/null
echo "rc=$?"
sed -e '/^ /d' -e "s/$e/^[/g" "$t/out"
$B/rrverify --color=never "$t/clock.rr" >"$t/never"
echo "never rc=$?"
sed -e "s|$t/|\$T/|g" -e 's/^  .*/  (counts)/' "$t/never"
