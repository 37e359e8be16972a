#!/bin/sh
# The rrcut/rrmerge part of make bench (issue 9): a log of NEV_CUT clock
# events with a keyframe every KEY_EVERY instructions; a cut of its
# middle third against dd conv=fsync of as many bytes, a split into ten
# and a merge of the ten, with MB/s (of output) and peak RSS, best of
# REPS.  Targets: cut and merge at most 2x the copy; RSS < 32 MiB.
set -u
B=${B:-build}
REPS=${REPS:-5}
NEV_CUT=${NEV_CUT:-50000000}
KEY_EVERY=${KEY_EVERY:-20000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/rrcutbench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
RS=$B/bench_runstat

. tests/bench/lib.sh
mbs() { awk "BEGIN{printf \"%.0f\", $1 / $2 / 1e6}"; }

echo "== rrcut, rrmerge: $NEV_CUT clock events, a keyframe every $KEY_EVERY instructions =="
set -- $($B/bench_keylog "$T/big.rr" "$NEV_CUT" "$KEY_EVERY")
size=$(wc -c < "$T/big.rr")
last=$($B/rrdump --json --stats "$T/big.rr" | sed -n 's/.*"icount_last": *\([0-9]*\).*/\1/p')
echo "log: $size bytes, $3 keyframes, icount 0-$last"
a=$((last / 3)) b=$((last * 2 / 3))
best $B/rrcut -q -i "$a-$b" -o "$T/cut.rr" "$T/big.rr"
cut_s=$SEC cut_rss=$RSS
out=$(wc -c < "$T/cut.rr")
# iflag=count_bytes: count is in bytes, so the copy is as long as the cut.
best dd if="$T/big.rr" of="$T/dd.out" bs=1M count="$out" \
    iflag=count_bytes conv=fsync status=none
dd_s=$SEC
if [ "$(wc -c < "$T/dd.out")" -ne "$out" ]; then
	echo "cut.sh: dd copied $(wc -c < "$T/dd.out") bytes, not $out" >&2
	exit 1
fi
printf 'cut middle third  %6s MB/s  %.3fs  peak RSS %s MiB   (%d bytes out)\n' \
    "$(mbs "$out" "$cut_s")" "$cut_s" "$(mib "$cut_rss")" "$out"
printf 'dd conv=fsync     %6s MB/s  %.3fs   cut/dd %s (target <= 2)\n' \
    "$(mbs "$out" "$dd_s")" "$dd_s" "$(awk "BEGIN{printf \"%.2f\", $cut_s / $dd_s}")"
best $B/rrcut -q --split -n 10 -o "$T/p.rr" "$T/big.rr"
printf 'split into ten    %6s MB/s  %.3fs  peak RSS %s MiB\n' \
    "$(mbs "$size" "$SEC")" "$SEC" "$(mib "$RSS")"
best $B/rrmerge -q -o "$T/m.rr" $(ls "$T"/p-*.rr)
merge_s=$SEC merge_rss=$RSS
msize=$(wc -c < "$T/m.rr")
best dd if="$T/big.rr" of="$T/dd.out" bs=1M conv=fsync status=none
printf 'merge of ten      %6s MB/s  %.3fs  peak RSS %s MiB   merge/dd %s (target <= 2; dd %.3fs)\n' \
    "$(mbs "$msize" "$merge_s")" "$merge_s" "$(mib "$merge_rss")" \
    "$(awk "BEGIN{printf \"%.2f\", $merge_s / $SEC}")" "$SEC"
$B/rrdump --stats "$T/m.rr" | grep '^events =' | sed 's/^/merged: /'
