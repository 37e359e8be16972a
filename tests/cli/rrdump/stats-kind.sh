$B/rrdump -s -k clock -i 100-399 $B/data/good-blocks.rr
