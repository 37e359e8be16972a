# --svg: the timeline as a static SVG (lanes, markers, axis).
$B/rrdump --svg $B/data/good-basic.rr
