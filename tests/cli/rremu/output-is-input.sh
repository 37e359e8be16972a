# record never writes its log over one of its inputs.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
cp $B/guests/hello.elf "$t/g.elf"
printf 'data\n' > "$t/in"
$B/rremu record -q -I "$t/in" -o "$t/in" "$t/g.elf" >"$t/o" 2>&1
echo "record: $?"
sed "s|$t|\$T|" "$t/o"
cat "$t/in"
$B/rremu record -q -o "$t/g.elf" "$t/g.elf" >"$t/o" 2>&1
echo "record: $?"
sed "s|$t|\$T|" "$t/o"
cmp -s "$t/g.elf" $B/guests/hello.elf && echo "ELF intact"
