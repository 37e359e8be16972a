# The guest exits with 255: rremu passes codes 0 to 124 through and shows
# a code above as 124, saying so (rremu(1), EXIT STATUS).
printf '255\n' | $B/rremu run -q $B/guests/exitcode.elf
