printf "hello, world\n" | $B/rrdump -
