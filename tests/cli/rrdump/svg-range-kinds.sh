# -i and -k choose what --svg draws, as in the text dump.
$B/rrdump --svg -i 100-300 -k bh,output $B/data/good-basic.rr
