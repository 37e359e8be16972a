# Ranges counted from the end on a QEMU log: a side index built by one
# read, then the read goes on from the mark before the range.  A pipe
# cannot be read twice: refused, exit 2.
$B/rrdump -e '~2' $B/data/qemu-every-kind.qlog; echo "status $?"
$B/rrdump -e '~3-~2' -j $B/data/qemu-every-kind.qlog; echo "status $?"
$B/rrdump -i '~1-' -c 2 $B/data/qemu-every-kind.qlog; echo "status $?"
$B/rrdump -e '~1-' - < tests/fuzz/corpus/fuzz_qreplay/qemu72-timer-nohdr.bin; echo "status $?"
cat $B/data/qemu-every-kind.qlog | $B/rrdump -e '~2' -; echo "status $?"
