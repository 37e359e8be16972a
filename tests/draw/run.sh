#!/bin/sh
# Pictures of a recording in a real browser: Debian's chromium, headless,
# driven by its own flags (--dump-dom after --virtual-time-budget, and
# --screenshot), with the page's state read from the DOM it leaves
# (tests/draw/check.py).  On a real recording of the demo guest:
#   - rrdump --html: no console message, no error the page caught; the
#     lanes and the statistics match rrdump --stats, the markers rrdump
#     -k keyframe,checkpoint; a zoom (#i=A-B) shows that range's counts,
#     markers and output as rrdump -i A-B says; keys zoom; a selection
#     (#sel=A-B) shows an rrcut command that cuts a log that replays;
#     a screenshot is not blank;
#   - rrdump --svg: valid XML (xmllint), the same lanes and markers, a
#     screenshot of it is not blank;
#   - rrdump --trace-events: valid against formats/trace-events.schema.json
#     (python3-jsonschema), every input and output event in it with its
#     text;
#   - rrdiff --html of two recordings one input byte apart: the first
#     differing event (rrdiff -j's) marked as the cause on both timelines.
# Without chromium (make deps installs it) the browser parts are skipped,
# and the run says so.
B=${B:-build}
. tests/emu/lib.sh
PY=/usr/bin/python3
C="$PY tests/draw/check.py"
R=$(pwd)
CHROMIUM=${CHROMIUM:-chromium}

have_browser=1
if ! command -v "$CHROMIUM" >/dev/null 2>&1; then
	have_browser=0
	echo "SKIP: $CHROMIUM not installed: the browser checks do not run" \
	    "(make deps installs it)"
fi

# browser OUT URL [ARGS...]: Chromium, headless, with its own profile;
# its log (console messages among them) in $T/chrome.log.
browser() {
	out=$1 url=$2
	shift 2
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage \
	    --user-data-dir="$T/profile" --no-first-run --hide-scrollbars \
	    --window-size=1280,900 --enable-logging=stderr --v=0 \
	    --virtual-time-budget=3000 "$@" "$url" >"$out" 2>"$T/chrome.log"
}

# dom NAME FRAGMENT: the page's DOM after load as lines, in $T/NAME.dom.
dom() {
	if ! browser "$T/$1.html" "file://$T/page.html$2" --dump-dom; then
		bad "$1: chromium failed"
		cat "$T/chrome.log"
		return 1
	fi
	if grep ':CONSOLE' "$T/chrome.log"; then
		bad "$1: the page wrote to the console"
	fi
	$C dom "$T/$1.html" >"$T/$1.dom" || bad "$1: check.py dom failed"
}

# stats LOG [ARGS]: rrdump --stats as `lane KIND N` for non-zero kinds
stats() {
	log=$1
	shift
	$D --stats "$@" "$log" >"$T/stats.txt" || bad "rrdump --stats $*"
	sed -n 's/^events\.\([a-z-]*\) = \([0-9]*\)$/\1 \2/p' "$T/stats.txt"
}

# lanes LINES / marks LINES: check.py's lines of run 0 as `KIND N` and
# `KIND ICOUNT` (checkpoints and keyframes), sorted
lanes() {
	awk '$1 == "lane" && $2 == 0 { print $3, $4 }' "$1" | sort
}
marks() {
	awk '$1 == "marker" && $2 == 0 && ($3 == "checkpoint" ||
	    $3 == "keyframe") { print $3, $4 }' "$1" | sort
}

# same NAME FILE1 FILE2
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		bad "$1"
		diff "$2" "$3" | head -20
	fi
}

# ---- a real recording of the demo guest ----
$E record -q --checkpoint-interval 5000 -K 20000 -o "$T/demo.rr" "$B/guests/demo.elf" \
    <tests/guests/demo.in >/dev/null
st=$?
[ "$st" = 0 ] || bad "record demo: exit $st"

$D --html -o "$T/page.html" "$T/demo.rr"
st=$?
if [ "$st" = 0 ] && [ -s "$T/page.html" ] &&
    ! grep -Eq '(src|href)="(https?:)?//' "$T/page.html"; then
	ok "rrdump --html: a page, self-contained"
else
	bad "rrdump --html: exit $st"
fi
$D --svg -o "$T/demo.svg" "$T/demo.rr" || bad "rrdump --svg: exit $?"
$D --trace-events -o "$T/trace.json" "$T/demo.rr" ||
    bad "rrdump --trace-events: exit $?"

# What rrdump says of the log, for the comparisons.
stats "$T/demo.rr" | awk '$2 > 0' | sort >"$T/want.lanes"
stats "$T/demo.rr" | sort >"$T/want.stats"
$D -k keyframe,checkpoint "$T/demo.rr" >"$T/marks.txt" ||
    bad "rrdump -k keyframe,checkpoint"
awk '{ print $3, $2 }' "$T/marks.txt" | sort >"$T/want.marks"
[ "$(wc -l <"$T/want.marks")" -ge 10 ] ||
    bad "the demo recording has too few markers to compare"

# ---- the SVG ----
if xmllint --noout "$T/demo.svg"; then
	ok "SVG: valid XML (xmllint)"
else
	bad "SVG: xmllint"
fi
if grep -q '<script' "$T/demo.svg"; then
	bad "SVG: has a script"
fi
$C svg "$T/demo.svg" >"$T/svg.lines" || bad "check.py svg"
lanes "$T/svg.lines" >"$T/svg.lanes"
same "SVG: lanes and their counts are rrdump --stats'" "$T/want.lanes" \
    "$T/svg.lanes"
marks "$T/svg.lines" >"$T/svg.marks"
same "SVG: markers are rrdump -k keyframe,checkpoint's" "$T/want.marks" \
    "$T/svg.marks"

# ---- the trace events ----
$D --json "$T/demo.rr" >"$T/dump.jsonl" || bad "rrdump --json"
if $C trace formats/trace-events.schema.json "$T/trace.json" \
    "$T/dump.jsonl" >"$T/trace.out" 2>&1; then
	ok "trace events: the schema holds, $(tail -n 1 "$T/trace.out")"
else
	bad "trace events"
	head -20 "$T/trace.out"
fi

# ---- rrdiff --html: two runs one input byte apart ----
printf 'hello\nworld\n' >"$T/e1.in"
printf 'hello\nwOrld\n' >"$T/e2.in"
$E record -q --checkpoint-interval 2000 -o "$T/e1.rr" "$B/guests/echo.elf" <"$T/e1.in" \
    >/dev/null 2>&1
$E record -q --checkpoint-interval 2000 -o "$T/e2.rr" "$B/guests/echo.elf" <"$T/e2.in" \
    >/dev/null 2>&1
$B/rrdiff -j "$T/e1.rr" "$T/e2.rr" >"$T/diff.jsonl"
st=$?
[ "$st" = 1 ] || bad "rrdiff -j: exit $st"
# The cause rrdiff names: event and icount on each side.
cause=$(jq -r 'select(.type == "diff_cause") | "\(.a.event) \(.a.icount) \(.b.event) \(.b.icount) \(.a.kind)"' \
    "$T/diff.jsonl" | head -n 1)
[ "${cause##* }" = bh ] || bad "rrdiff -j: the first difference is not the bh: $cause"
$B/rrdiff --html "$T/e1.rr" "$T/e2.rr" >"$T/diffpage.html"
st=$?
[ "$st" = 1 ] && ok "rrdiff --html: exit 1 (different)" ||
    bad "rrdiff --html: exit $st"

# Every file of the test corpus (good, damaged, newer, hostile), each
# picture: exit 0, 1 or 2 (never a crash), and what is written is whole:
# the SVG XML, the trace JSON.
n=0
for f in "$B"/data/*.rr "$B"/data/*.snap "$B"/data/*.qlog; do
	for v in svg trace-events html; do
		$D --$v "$f" >"$T/c.out" 2>"$T/c.err"
		st=$?
		n=$((n + 1))
		if [ "$st" -gt 2 ] || grep -q 'Sanitizer\|runtime error' "$T/c.err"; then
			bad "corpus: rrdump --$v $f: exit $st"
			head -5 "$T/c.err"
			continue
		fi
		# Refused, or not opened (a damaged header): nothing written.
		[ "$st" = 2 ] || [ ! -s "$T/c.out" ] && continue
		case $v in
		svg) xmllint --noout "$T/c.out" 2>"$T/c.xerr" ||
			bad "corpus: rrdump --svg $f: not XML" ;;
		trace-events) jq -e '.traceEvents | length > 0' "$T/c.out" \
			>/dev/null || bad "corpus: rrdump --trace-events $f: not JSON" ;;
		html) grep -q '</html>' "$T/c.out" ||
			bad "corpus: rrdump --html $f: page not whole" ;;
		esac
	done
done
ok "corpus: $n pictures of $B/data's files, each whole or refused"

if [ "$have_browser" = 0 ]; then
	echo "draw: $pass passed, $fail failed (browser checks skipped)"
	[ "$fail" -eq 0 ]
	exit
fi

# ---- the page, in the browser ----
dom full ""
if grep -qx 'errors 0' "$T/full.dom" && grep -qx 'ready 1' "$T/full.dom"; then
	ok "page: loads, no error"
else
	bad "page: $(grep -E '^(errors|ready|errortext)' "$T/full.dom")"
fi
lanes "$T/full.dom" >"$T/page.lanes"
same "page: lanes and their counts are rrdump --stats'" "$T/want.lanes" \
    "$T/page.lanes"
awk '$1 == "lane" { print $3, $5 }' "$T/full.dom" | sort >"$T/page.inview"
same "page: the whole log in view at first" "$T/want.lanes" \
    "$T/page.inview"
sed -n 's/^stat events\.\([a-z-]*\) \([0-9]*\)$/\1 \2/p' "$T/full.dom" |
    sort >"$T/page.stats"
same "page: the statistics are rrdump --stats'" "$T/want.stats" \
    "$T/page.stats"
marks "$T/full.dom" >"$T/page.marks"
same "page: markers are rrdump -k keyframe,checkpoint's" "$T/want.marks" \
    "$T/page.marks"
grep -q '^marker 0 end ' "$T/full.dom" && ok "page: END marked" ||
    bad "page: no END marker"

# The error hook the checks above rely on: a page error shows in the DOM.
dom broken "#i=zz"
grep -qx 'errors 1' "$T/broken.dom" && grep -q '^errortext .*bad #i=zz' "$T/broken.dom" &&
    ok "page: an error is written into the page (errors 1)" ||
    bad "page: a bad fragment left no error: $(grep -E '^error' "$T/broken.dom")"

# A zoom: from the 3rd checkpoint to the 8th.
lo=$(awk '$3 == "checkpoint" { if (++n == 3) print $2 }' "$T/marks.txt")
hi=$(awk '$3 == "checkpoint" { if (++n == 8) print $2 }' "$T/marks.txt")
dom zoom "#i=$lo-$hi"
grep -qx "view $lo-$hi" "$T/zoom.dom" && ok "zoom: view $lo-$hi" ||
    bad "zoom: $(grep '^view' "$T/zoom.dom"), want $lo-$hi"
stats "$T/demo.rr" -i "$lo-$hi" | awk '$2 > 0' | sort >"$T/want.zoom"
awk '$1 == "lane" && $5 > 0 { print $3, $5 }' "$T/zoom.dom" |
    sort >"$T/page.zoom"
same "zoom: counts in view are rrdump -i $lo-$hi --stats'" \
    "$T/want.zoom" "$T/page.zoom"
$D -i "$lo-$hi" -k keyframe,checkpoint "$T/demo.rr" >"$T/zmarks.txt" ||
    bad "rrdump -i $lo-$hi -k keyframe,checkpoint"
awk '{ print $3, $2 }' "$T/zmarks.txt" | sort >"$T/want.zmarks"
marks "$T/zoom.dom" >"$T/page.zmarks"
same "zoom: markers in view are rrdump -i's" "$T/want.zmarks" \
    "$T/page.zmarks"
$D --json -i "$lo-$hi" -k output "$T/demo.rr" >"$T/zout.jsonl" ||
    bad "rrdump --json -i $lo-$hi -k output"
jq -r '"\(.event) \(.icount) \(.text | @json)"' "$T/zout.jsonl" \
    >"$T/want.out" || bad "jq of the output"
awk '$1 == "out" { $1 = $2 = ""; sub(/^  /, ""); print }' \
    "$T/zoom.dom" | $PY -c '
import json, sys
for line in sys.stdin:
    e, i, t = line.rstrip("\n").split(" ", 2)
    print(e, i, json.dumps(json.loads(t), ensure_ascii=False))' \
    >"$T/page.out"
$PY -c '
import json, sys
for line in open(sys.argv[1]):
    e, i, t = line.rstrip("\n").split(" ", 2)
    print(e, i, json.dumps(json.loads(t), ensure_ascii=False))' \
    "$T/want.out" >"$T/want.out2"
[ -s "$T/want.out2" ] || bad "zoom: no output in $lo-$hi to compare"
same "zoom: the output panel is rrdump -i -k output's" "$T/want.out2" \
    "$T/page.out"

# Keys: + halves the view about its middle.
dom keys "#i=$lo-$hi&keys=%2B"
$PY - "$lo" "$hi" "$T/keys.dom" <<'EOF' && ok "keys: + zooms in" || bad "keys: + did not halve the view"
import sys
lo, hi = int(sys.argv[1]), int(sys.argv[2]) + 1
v = [l.split()[1] for l in open(sys.argv[3]) if l.startswith('view ')][0]
a, b = map(int, v.split('-'))
mid, span = (lo + hi) / 2, (hi - lo) / 2
sys.exit(0 if abs(a - (mid - span / 2)) <= 1 and
         abs(b + 1 - (mid + span / 2)) <= 1 else 1)
EOF

# The mouse: the wheel zooms about the pointer, a drag pans, a drag with
# Shift selects (the page's handlers, given synthetic events).
dom mouse "#i=$lo-$hi&act=wheel:0.25:-100,drag:0.5:0.75,shiftdrag:0.25:0.5"
$PY - "$lo" "$hi" "$T/mouse.dom" <<'EOF' && ok "mouse: wheel zoom, drag pan, shift+drag select" || bad "mouse: $(grep -E '^(view|cut)' "$T/mouse.dom")"
import sys
lo, hi = int(sys.argv[1]), int(sys.argv[2]) + 1
dom = open(sys.argv[3]).read().split('\n')
view = [l.split()[1] for l in dom if l.startswith('view ')][0]
cut = [l for l in dom if l.startswith('cut ')][0].split()[3]
# wheel up at 1/4: 0.8 of the span, the point under the pointer kept.
at = lo + (hi - lo) / 4
lo, hi = at - (at - lo) * 0.8, at + (hi - at) * 0.8
# drag from 1/2 to 3/4: the view moves back a quarter of its span.
d = -(hi - lo) / 4
lo, hi = lo + d, hi + d
# Events place the pointer on whole pixels: a pixel or two of slack.
tol = (hi - lo) / 400
a, b = map(int, view.split('-'))
ok = abs(a - lo) <= tol and abs(b + 1 - hi) <= tol
s0, s1 = map(int, cut.split('-'))
ok = ok and abs(s0 - (lo + (hi - lo) / 4)) <= tol
ok = ok and abs(s1 - (lo + (hi - lo) / 2)) <= tol
sys.exit(0 if ok else 1)
EOF

# A selection: its rrcut command, run as the page shows it.
dom sel "#sel=$lo-$hi"
cmd=$(sed -n 's/^cut //p' "$T/sel.dom")
if [ "$cmd" = "rrcut -i $lo-$hi -o cut.rr $T/demo.rr" ]; then
	ok "selection: shows rrcut -i $lo-$hi -o cut.rr ..."
else
	bad "selection: '$cmd'"
fi
(cd "$T" && PATH="$R/$B:$PATH" && eval "$cmd") &&
    "$E" replay -q "$T/cut.rr" && ok "selection: the command cuts a log that replays" ||
    bad "selection: the rrcut command failed"

# Screenshots: not blank.
for s in page.html demo.svg; do
	if browser /dev/null "file://$T/$s" --screenshot="$T/$s.png" &&
	    $C png "$T/$s.png" >"$T/png.txt"; then
		read -r colours top <"$T/png.txt"
		if [ "$colours" -ge 8 ] && $PY -c "import sys; sys.exit(not $top < 0.95)"; then
			ok "screenshot of $s: $colours colours, the commonest on $top"
		else
			bad "screenshot of $s: $colours colours, the commonest on $top"
		fi
	else
		bad "screenshot of $s"
	fi
done

# rrdiff's page: the cause on both timelines.
cp "$T/diffpage.html" "$T/page.html"
dom diff ""
set -- $cause
grep -qx "diff cause 0 $2 $1" "$T/diff.dom" &&
    grep -qx "diff cause 1 $4 $3" "$T/diff.dom" &&
    ok "rrdiff --html: the first differing input marked on both runs" ||
    bad "rrdiff --html: cause marks: $(grep '^diff' "$T/diff.dom"); want $cause"
[ "$(grep -c '^diff effect' "$T/diff.dom")" = 2 ] &&
    ok "rrdiff --html: the effect marked on both runs" ||
    bad "rrdiff --html: effect marks: $(grep '^diff' "$T/diff.dom")"
grep -qx 'errors 0' "$T/diff.dom" || bad "rrdiff --html: page errors"

echo "draw: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
