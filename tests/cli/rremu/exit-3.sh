# The guest exits with 3: rremu passes codes 0 to 122 through and shows
# a code above as 122, saying so (rremu(1), EXIT STATUS).
printf '3\n' | $B/rremu run -q $B/guests/exitcode.elf
