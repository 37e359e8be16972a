$B/rrcut --exact -i 1500- -o - $B/data/bad-fake-keyframe.rr
