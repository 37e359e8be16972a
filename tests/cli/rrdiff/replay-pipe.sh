# --exact and --at replay the logs, reading them again: a log on a pipe
# (read once) is refused before any finding is printed, exit 2.
cat $B/data/good-diff-a.rr | $B/rrdiff -x - $B/data/good-diff-bh.rr
echo "status $?"
cat $B/data/good-diff-a.rr | $B/rrdiff -j -t 1000 - $B/data/good-diff-bh.rr
echo "status $?"
