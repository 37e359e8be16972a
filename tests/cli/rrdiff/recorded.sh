# Two recordings of the clock guest: its clock reads differ and enter its
# state, so a checkpoint parts; the candidate inputs are clock reads.
# (Where exactly depends on the host's clock: numbers and parts masked.)
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu record -q -c 1000 -o "$t/a.rr" $B/guests/clock.elf </dev/null || exit
$B/rremu record -q -c 1000 -o "$t/b.rr" $B/guests/clock.elf </dev/null || exit
$B/rrdiff "$t/a.rr" "$t/b.rr" | sed -e 's/): [a-z0-9, ]* differs*$/): PARTS differ/' \
    -e 's/inputs* differs* in between, the candidate causes*/INPUTS differ, candidates/' \
    -e 's/[0-9][0-9]*/N/g' | sed -n '1,3p;/clock/p' | sort -u
