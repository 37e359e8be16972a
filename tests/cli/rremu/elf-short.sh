# An ELF file cut inside its program headers.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
head -c 100 $B/guests/hello.elf >"$t/hello.elf"
$B/rremu run "$t/hello.elf" </dev/null 2>"$t/err"
rc=$?
sed "s|$t/|\$T/|g" "$t/err" >&2
exit $rc
