$B/rrverify -V
