#!/bin/sh
# The pictures' part of make bench (issue 19): a log of NEV_DRAW events
# (clock reads, a checkpoint every million instructions, a keyframe every
# 200 million: bench_logbench), drawn by rrdump --html, --svg and
# --trace-events, each against rrdump --stats of the same log in the same
# run: best wall time of REPS, the ratio, the output's size and the peak
# RSS.  Targets: the page and the SVG at most 2x --stats, the page a few
# MiB, RSS < 64 MiB.  The trace writes every event as JSON (about 150
# bytes each), so its time is that of its output, shown as MB/s.
set -u
B=${B:-build}
REPS=${REPS:-3}
NEV_DRAW=${NEV_DRAW:-10000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/rrdrawbench.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
RS=$B/bench_runstat

. tests/bench/lib.sh
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }

echo "== rrdump --html, --svg, --trace-events: $NEV_DRAW events =="
$B/bench_logbench -c 1000000 -k 200000000 "$T/big.rr" "$NEV_DRAW" \
    >/dev/null || exit 1
best $B/rrdump --stats "$T/big.rr"
ref=$SEC
printf '%-22s %.3fs  peak RSS %s MiB  (the reference)\n' "--stats" \
    "$ref" "$(mib "$RSS")"
for v in html svg trace-events; do
	$B/rrdump --$v -o "$T/out.$v" "$T/big.rr" || exit 1
	size=$(wc -c <"$T/out.$v")
	best $B/rrdump --$v "$T/big.rr"
	printf '%-22s %.3fs  peak RSS %s MiB  %s bytes  x%s of --stats' \
	    "--$v" "$SEC" "$(mib "$RSS")" "$size" "$(ratio "$SEC" "$ref")"
	if [ "$v" = trace-events ]; then
		printf '  (%s MB/s out)\n' "$(awk "BEGIN{printf \"%.0f\", \
		    $size / $SEC / 1e6}")"
	else
		printf '  (target <= 2)\n'
	fi
done
