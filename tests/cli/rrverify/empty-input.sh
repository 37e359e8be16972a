$B/rrverify < /dev/null
