# -b with ranges counted from the end lists only the blocks they reach.
$B/rrdump -b -e '~1' $B/data/good-blocks.rr
$B/rrdump -b -i '~100-' $B/data/good-blocks.rr
$B/rrdump -b -e '~1000-' $B/data/good-blocks.rr | wc -l
