$B/rremu run -I tests/guests/no-such.in $B/guests/echo.elf
