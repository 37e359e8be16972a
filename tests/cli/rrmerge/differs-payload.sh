$B/rrmerge -o - $B/data/bad-piece-ckpt.rr $B/data/good-cutsrc.rr
