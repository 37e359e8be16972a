$B/rrdump -i 1000-1300 -e 100- $B/data/good-blocks.rr
