#!/bin/sh
# Golden CLI tests: tests/cli/TOOL/CASE.sh beside CASE.out, CASE.err and
# CASE.rc (expected stdout, stderr, exit status).  Cases run with the
# repository root as cwd and B set to the build directory (tools are
# $B/TOOL, test data $B/data).  `run.sh -u` (or UPDATE=1) rewrites the
# expected files from what the cases do now: review the diff by eye.
# In the expected files the build directory is written "$B/", so the
# goldens hold for any B (build, build-san, ...).
#   usage: run.sh [-u] [TOOL | TOOL/CASE ...]
B=${B:-build}
UPDATE=${UPDATE:-0}
if [ "${1:-}" = -u ]; then
	UPDATE=1
	shift
fi
export B
dir=$(dirname "$0")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rrcli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
Bre=$(printf '%s\n' "$B" | sed 's/[][\.*^$|]/\\&/g')

if [ $# -gt 0 ]; then
	cases=""
	for c in "$@"; do
		if [ -d "$dir/$c" ]; then
			cases="$cases $(ls "$dir/$c"/*.sh)"
		else
			cases="$cases $dir/${c%.sh}.sh"
		fi
	done
else
	cases=$(ls "$dir"/*/*.sh 2>/dev/null)
fi

for c in $cases; do
	base=${c%.sh}
	name=${base#"$dir"/}
	sh "$c" >"$tmp/out.raw" 2>"$tmp/err.raw"
	echo $? >"$tmp/rc"
	# Goldens name the build directory "$B", whichever it is.
	sed "s|$Bre/|\$B/|g" "$tmp/out.raw" >"$tmp/out"
	sed "s|$Bre/|\$B/|g" "$tmp/err.raw" >"$tmp/err"
	if [ "$UPDATE" = 1 ]; then
		cp "$tmp/out" "$base.out"
		cp "$tmp/err" "$base.err"
		cp "$tmp/rc" "$base.rc"
		pass=$((pass + 1))
		continue
	fi
	bad=""
	for part in out err rc; do
		if [ ! -f "$base.$part" ]; then
			bad="$bad $part(missing)"
		elif ! cmp -s "$base.$part" "$tmp/$part"; then
			bad="$bad $part"
		fi
	done
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
		continue
	fi
	fail=$((fail + 1))
	echo "FAIL $name:$bad"
	for part in out err rc; do
		want=$base.$part
		[ -f "$want" ] || want=/dev/null
		diff -u "$want" "$tmp/$part" | sed 's/^/	/' | head -40
	done
done
echo "cli: $pass passed, $fail failed"
# No case run is no test: a wrong path must not pass.
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
