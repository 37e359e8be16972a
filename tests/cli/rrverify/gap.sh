# A marked gap followed by its keyframe is valid, with a note; one
# followed by anything else is corrupt at that event.
$B/rrverify $B/data/good-gap.rr $B/data/bad-gap-nokey.rr
