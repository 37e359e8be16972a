# Standard input that is no log: trouble (exit 2), and with -j the
# result record still comes, last, with the status and nothing counted.
$B/rrdiff -j $B/data/good-diff-a.rr - </dev/null
echo "rc=$?"
