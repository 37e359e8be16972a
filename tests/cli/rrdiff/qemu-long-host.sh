# 131072 host clock reads between two of the guest's events (as
# rtcbench under QEMU has a million): the two logs are read in step, so
# a log is the same as itself, and one clock value apart is one host
# value, not 65536 waiting and the rest uncompared.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
# An instruction event (n 1) and a host clock read (1 ns): 14 bytes.
printf '\000\000\000\000\001\034\000\000\000\000\000\000\000\001' >"$t/p" ||
    exit 2
i=0
while [ $i -lt 17 ]; do
	cat "$t/p" "$t/p" >"$t/p2" && mv "$t/p2" "$t/p" || exit 2
	i=$((i + 1))
done
# Header 0xe0200c; the reads; char-write, shutdown host-signal, end.
{ printf '\000\340\040\014\000\000\000\000\000\000\000\000' && cat "$t/p" &&
    printf '\026\000\000\000\001\000\000\000\000\016\047'; } >"$t/a.bin" ||
    exit 2
cp "$t/a.bin" "$t/b.bin" || exit 2
# The last clock read 2 ns in b.
printf '\002' | dd of="$t/b.bin" bs=1 seek=$((12 + 14 * 131071 + 13)) \
    conv=notrunc 2>/dev/null || exit 2
$B/rrdiff "$t/a.bin" "$t/a.bin"
echo "status $?"
$B/rrdiff "$t/a.bin" "$t/b.bin"
echo "status $?"
$B/rrdiff -a -j "$t/b.bin" "$t/a.bin"
