$B/rremu record -I tests/guests/echo.in $B/guests/echo.elf -o
