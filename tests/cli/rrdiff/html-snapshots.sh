# Two snapshots have no timelines: --html wants logs (exit 2).
$B/rrdiff --html $B/data/good-snap.snap $B/data/good-snap-other.snap
