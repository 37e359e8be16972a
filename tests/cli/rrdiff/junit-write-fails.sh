# --junit whose write fails (a file size limit: EFBIG): exit 2 with the
# reason, the result record (last) says status 2, and nothing is left
# behind, not even the temporary file.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
out=$( (trap '' XFSZ; ulimit -f 0; exec $B/rrdiff -j --junit "$t/j.xml" \
    $B/data/good-diff-a.rr $B/data/good-diff-bh.rr 2>&1); echo "rc=$?")
printf '%s\n' "$out" | sed -n -e "s|$t/|\$T/|g" -e '/^rrdiff:/p' -e '/^rc=/p' \
    -e 's/^{"type":"diff_result".*"status":\([0-9]\).*/result status \1/p'
ls -A "$t" | wc -l
