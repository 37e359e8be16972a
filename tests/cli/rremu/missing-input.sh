$B/rremu run -i tests/guests/no-such.in $B/guests/echo.elf
