$B/rrverify --help
