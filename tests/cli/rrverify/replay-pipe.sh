# --replay reads the log again after its check: from a pipe (read once)
# it is refused before any verdict, exit 2 (named or standard input alone).
cat $B/data/good-verify.rr | $B/rrverify -r -; echo "status $?"
cat $B/data/good-verify.rr | $B/rrverify -r; echo "status $?"
