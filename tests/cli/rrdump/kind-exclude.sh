$B/rrdump -k ^clock,^entropy,^output $B/data/good-blocks.rr
