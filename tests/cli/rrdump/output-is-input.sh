# -o naming the input: refused before anything is written; the input
# is unchanged.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
cp $B/data/good-basic.rr "$t/x.rr"
cd "$t" || exit
$B/rrdump --html -o x.rr x.rr
echo "exit $?"
cmp $B/data/good-basic.rr x.rr && ls
