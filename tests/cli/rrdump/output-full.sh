# -o to a file that cannot take the output (/dev/full, written directly
# as a device): the message names that output, not stdout; exit 2.
$B/rrdump -o /dev/full $B/data/good-basic.rr
echo "status $?"
