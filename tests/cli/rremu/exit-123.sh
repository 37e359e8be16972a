# The guest exits with 123, the lowest code rremu cannot pass through:
# it is shown as 122, saying so (123 means a divergence).
printf '123\n' | $B/rremu run -q $B/guests/exitcode.elf
