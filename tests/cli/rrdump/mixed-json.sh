$B/rrdump -j -e '~1' $B/data/good-empty.rr $B/data/bad-magic.rr $B/data/good-basic.rr
