# A log rremu wrote: keyframes load into the machine and hash as their
# checkpoints say; then the same log cut short.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q --checkpoint-interval 1000 -K 5000 -o "$t/clock.rr" $B/guests/clock.elf \
    </dev/null || exit
$B/rrverify "$t/clock.rr" | sed -e "s|$t/|\$T/|g" -e "s/[0-9][0-9]*/N/g"
size=$(wc -c < "$t/clock.rr")
head -c $((size / 2)) "$t/clock.rr" > "$t/cut.rr"
$B/rrverify "$t/cut.rr" 2>&1 | sed -e "s|$t/|\$T/|g" -e 's/[0-9][0-9]*/N/g'
