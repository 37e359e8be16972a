# --trace-events: Chrome's trace event JSON (formats/trace-events.md).
$B/rrdump --trace-events $B/data/good-basic.rr
