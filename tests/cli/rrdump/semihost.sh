# Semihosting (format 1.3): the header's fields and the SEMIHOST events
# (op, result, errno, bytes) and the console's OUTPUT (device 2), as
# text and JSON.
$B/rrdump -H $B/data/good-semihost.rr | grep -e '^format' -e '^dtb_hash' -e '^semihosting'
$B/rrdump -k semihost,output $B/data/good-semihost.rr
$B/rrdump -j -k semihost $B/data/good-semihost.rr
$B/rrdump -j -H $B/data/good-semihost.rr | grep -o '"dtb_hash":"[^"]*","semihosting":true'
