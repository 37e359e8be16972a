# A version 1.2 log with a block of type 7 between its event blocks: the
# block is skipped, every event read; seeks by event number before and
# after it find the right events (the footer index has an entry for it
# that says first_event 0); the block list shows it without events.
$B/rrdump $B/data/newer-minor-block.rr | sed -n '39,43p;$p'
$B/rrdump -e 10-11 $B/data/newer-minor-block.rr
$B/rrdump -e 45-46 $B/data/newer-minor-block.rr
$B/rrdump -b $B/data/newer-minor-block.rr
