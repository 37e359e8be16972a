# Virtual time: the "~ " lines (mtime at each tick) are the same every run.
$B/rremu run $B/guests/timer.elf </dev/null
