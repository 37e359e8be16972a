$B/rremu run --input tests/guests/echo.in $B/guests/echo.elf
