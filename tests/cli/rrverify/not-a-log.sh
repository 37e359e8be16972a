printf "hello\n" | $B/rrverify
