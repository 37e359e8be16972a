$B/rrverify --color=purple $B/data/good-diff-a.rr
