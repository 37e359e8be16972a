# --color=always paints the text (shown by cat -v: ^[[...m): cause and
# effect, the ---/+++ and -/+ lines, the hunk header; NO_COLOR does not
# undo always.  --color=never and the JSON view are not painted.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
NO_COLOR=1 $B/rrdiff --color=always -C 1 $B/data/good-diff-a.rr \
    $B/data/good-diff-bh.rr >"$t/out"
echo "rc=$?"
cat -v "$t/out"
$B/rrdiff --color=never -C 1 $B/data/good-diff-a.rr \
    $B/data/good-diff-bh.rr >"$t/never"
echo "never rc=$?"
$B/rrdiff -C 1 $B/data/good-diff-a.rr $B/data/good-diff-bh.rr >"$t/plain"
echo "plain rc=$?"
cmp "$t/never" "$t/plain" && echo "never: as off a terminal"
$B/rrdiff --color=always -j $B/data/good-diff-a.rr \
    $B/data/good-diff-bh.rr >"$t/json"
echo "json rc=$?"
grep -c "$(printf '\033')" "$t/json"
