$B/rrverify -h
