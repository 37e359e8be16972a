# -o when the input cannot be read: exit 2, and no output file.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
cd "$t" || exit
$B/rrdump --html -o x.html nonesuch.rr
echo "exit $?"
ls
