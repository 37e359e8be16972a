# Regressions from a review of the reader (files in the reader's fuzz
# corpus): an event continued across blocks must keep to its block's
# instruction counts; nothing may follow END in its block; a cut inside
# an event names that event; bad lead bytes are caught after a failed
# seek; a block of an unknown type does not break seeking without a
# footer.
for f in carry_first carry_ic endmid evnum skiplead; do
	$B/rrdump tests/fuzz/corpus/fuzz_reader/regress-$f.rr >/dev/null
	echo "$f: $?"
done
$B/rrdump -e 3 tests/fuzz/corpus/fuzz_reader/regress-unk.rr
echo "unk -e 3: $?"
$B/rrdump -i 6- tests/fuzz/corpus/fuzz_reader/regress-unk.rr
echo "unk -i 6-: $?"
