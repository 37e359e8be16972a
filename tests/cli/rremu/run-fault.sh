# The guest's exit code (100) is passed through.
$B/rremu run $B/guests/fault.elf </dev/null
