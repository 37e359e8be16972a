$B/rrdiff -q $B/data/good-verify.rr $B/data/unsupported-major.rr
