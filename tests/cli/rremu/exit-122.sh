# The guest exits with 122, the highest code rremu passes through as it
# is (123 to 125 are its own: rremu(1), EXIT STATUS).
printf '122\n' | $B/rremu run -q $B/guests/exitcode.elf
