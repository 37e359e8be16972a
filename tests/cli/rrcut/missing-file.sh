$B/rrcut -i 0- -o /nonexistent/out.rr $B/data/no-such-file.rr
