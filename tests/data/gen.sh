#!/bin/sh
# Build the test corpus: tests/data/NAME.desc -> $B/data/NAME.rr (or
# NAME.snap when the description makes a snapshot), by $B/mkdata.
set -eu
B=${B:-build}
mkdir -p "$B/data"
n=0
for desc in tests/data/*.desc; do
	name=$(basename "$desc" .desc)
	ext=rr
	if grep -q '^snapshot' "$desc"; then
		ext=snap
	fi
	out="$B/data/$name.$ext"
	# Rebuild only what is older than its description or the generator.
	if [ -f "$out" ] && [ "$out" -nt "$desc" ] && [ "$out" -nt "$B/mkdata" ]
	then
		continue
	fi
	rm -f "$out"
	"$B/mkdata" "$desc" "$out"
	n=$((n + 1))
done
# QEMU replay logs: NAME.qdesc -> $B/data/NAME.qlog, by $B/mkqlog.
for desc in tests/data/*.qdesc; do
	out="$B/data/$(basename "$desc" .qdesc).qlog"
	if [ -f "$out" ] && [ "$out" -nt "$desc" ] && [ "$out" -nt "$B/mkqlog" ]
	then
		continue
	fi
	rm -f "$out"
	"$B/mkqlog" "$desc" "$out"
	n=$((n + 1))
done
echo "data: $n files made in $B/data"
