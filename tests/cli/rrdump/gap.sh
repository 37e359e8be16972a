# A log with a marked gap (format 1.2): the gap event and the header's
# count, as text and JSON.
$B/rrdump -H $B/data/good-gap.rr | grep -e '^format' -e '^gaps'
$B/rrdump -k gap,keyframe $B/data/good-gap.rr
$B/rrdump -j -k gap $B/data/good-gap.rr
