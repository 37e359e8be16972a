$B/rrcut --exact -i 1500- -o - $B/data/good-cutsrc.rr
