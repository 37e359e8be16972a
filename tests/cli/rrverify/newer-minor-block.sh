# A version 1.2 log with a block of type 7 (a newer minor version's):
# counted and named, not failed; the footer index's entry for it agrees.
$B/rrverify $B/data/newer-minor-block.rr
$B/rrverify -j $B/data/newer-minor-block.rr
