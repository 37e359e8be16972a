$B/rremu record -i tests/guests/echo.in $B/guests/echo.elf -o
