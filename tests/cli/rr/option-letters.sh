# One meaning per option letter across the six tools (rr(7), Options):
# every "-x, --long" pair in the tools' --help, and the table in
# man/rr.7.  Fails when a letter has two long names (or a long name two
# letters) across the tools, or when the table and the --help texts
# disagree on a letter's long name or on which tools have it.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
tools="rrdump rrverify rrdiff rrcut rrmerge rremu"
: >"$t/pairs"
for tool in $tools; do
	$B/$tool --help >"$t/help" || { echo "$tool --help: exit $?"; exit 1; }
	# "  -x, --long ..." at the start of a help line: letter, long, tool
	sed -n 's/^[[:space:]]*-\([A-Za-z]\), --\([a-z][a-z-]*\).*/\1 \2/p' \
	    "$t/help" >"$t/p" || exit
	[ -s "$t/p" ] || { echo "$tool --help: no -x, --long lines"; exit 1; }
	sed "s/\$/ $tool/" "$t/p" >>"$t/pairs" || exit
done
# The table: ".It Fl x Ta Fl Fl long Ta tools Ta meaning"; "all" is
# every tool.
sed -n 's/^\.It Fl \([A-Za-z]\) Ta Fl Fl \([a-z][a-z-]*\) Ta \([a-z ]*\) Ta .*/\1 \2 \3/p' \
    man/rr.7 >"$t/table" || exit
[ -s "$t/table" ] || { echo "man/rr.7: no option table"; exit 1; }
awk -v all="$tools" '
	FNR == NR {		# the --help pairs: letter long tool
		if (($1 in long) && long[$1] != $2)
			printf "-%s is --%s in %s but --%s in %s\n", $1,
			    long[$1], ltool[$1], $2, $3
		if (($2 in letter) && letter[$2] != $1)
			printf "--%s is -%s in %s but -%s in %s\n", $2,
			    letter[$2], ntool[$2], $1, $3
		long[$1] = $2; ltool[$1] = $3
		letter[$2] = $1; ntool[$2] = $3
		has[$1] = has[$1] " " $3
		next
	}
	{			# the table: letter long tools...
		t = ""
		for (i = 3; i <= NF; i++)
			t = t " " ($i == "all" ? all : $i)
		if (!($1 in long)) {
			printf "rr(7): -%s: no tool has it\n", $1
			next
		}
		seen[$1] = 1
		if (long[$1] != $2)
			printf "rr(7): -%s is --%s, but --%s in %s\n", $1, $2,
			    long[$1], ltool[$1]
		if (sorted(t) != sorted(has[$1]))
			printf "rr(7): -%s: tools%s, but --help: %s\n", $1, t,
			    has[$1]
		rows++
	}
	END {
		for (l in long)
			if (!(l in seen))
				printf "rr(7): -%s (--%s, %s) is not in the table\n",
				    l, long[l], ltool[l]
		printf "%d letters in the table\n", rows
	}
	function sorted(s,   n, a, i, j, x, r) {
		n = split(s, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				x = a[j]; a[j] = a[j - 1]; a[j - 1] = x
			}
		r = ""
		for (i = 1; i <= n; i++)
			r = r " " a[i]
		return r
	}
' "$t/pairs" "$t/table" >"$t/out" || { echo "awk: $?"; exit 1; }
cat "$t/out"
# Only the count line: anything else is a disagreement.
[ "$(wc -l <"$t/out")" -eq 1 ]
