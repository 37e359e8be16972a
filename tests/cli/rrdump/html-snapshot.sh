# A snapshot has no timeline: --html refuses it (exit 2).
$B/rrdump --html $B/data/good-snap.snap
