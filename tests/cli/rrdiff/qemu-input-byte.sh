# Two QEMU logs one input byte apart ("hi" read as "hj"), then with a
# guest event apart too (a char-write result): the input is named as the
# candidate cause, the char-write as where the logs part.
Q=tests/fuzz/corpus/fuzz_qreplay
t=$(mktemp -d "${TMPDIR:-/tmp}/rrqdiff.XXXXXX") || exit 2
cp $Q/every-kind.bin "$t/in.bin"
printf 'j' | dd of="$t/in.bin" bs=1 seek=124 conv=notrunc 2>/dev/null
cp "$t/in.bin" "$t/both.bin"
printf '\002' | dd of="$t/both.bin" bs=1 seek=158 conv=notrunc 2>/dev/null
$B/rrdiff $Q/every-kind.bin "$t/in.bin"
echo "status $?"
$B/rrdiff -C 1 $Q/every-kind.bin "$t/both.bin"
echo "status $?"
$B/rrdiff -j $Q/every-kind.bin "$t/both.bin"
st=$?
rm -rf "$t"
exit $st
