# From a pipe, which is read once: the bytes read to tell a QEMU log
# from an rr log are handed on to whichever reader it is.  A QEMU log,
# a QEMU log cut short, an rr log, an rr log cut short, and a file too
# short to tell.
cat $B/data/qemu-every-kind.qlog | $B/rrverify -; echo "status $?"
cat tests/fuzz/corpus/fuzz_qreplay/qemu72-timer-nohdr.bin | $B/rrverify -; echo "status $?"
cat $B/data/good-cutsrc.rr | $B/rrverify -; echo "status $?"
head -c 3000 $B/data/good-cutsrc.rr | $B/rrverify -; echo "status $?"
printf 'RRL' | $B/rrverify -; echo "status $?"
