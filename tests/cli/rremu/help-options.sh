# rremu --help describes every option: each long option and each short
# letter that cmd/rremu-opt.c's option table gives getopt_long appears in it.
# The table is read from the source, so an option added without a line
# of help fails here.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
$B/rremu --help >"$t/help" || { echo "--help: $?"; exit 1; }
sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", [a-z_]*, NULL, \(.*\) },$/\1 \2/p' \
    cmd/rremu-opt.c >"$t/opts"
[ -s "$t/opts" ] || { echo "no option table found in cmd/rremu-opt.c"; exit 1; }
n=0
while read -r long val; do
	n=$((n + 1))
	grep -q -- "--$long\\b" "$t/help" || echo "--$long: not in --help"
	case $val in
	"'"?"'")
		c=${val#?}
		c=${c%?}
		grep -q -- "-$c, --$long\\b" "$t/help" ||
		    echo "-$c (--$long): not in --help"
		;;
	esac
done <"$t/opts"
echo "$n options checked"
