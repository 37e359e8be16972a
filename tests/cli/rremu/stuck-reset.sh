# The first instruction traps (csrw fcsr: no F) while mtvec is still
# 0: no handler can run, so rremu stops at once with status 125 and one
# line naming the instruction, the trap and why it cannot go on, instead
# of spinning at pc 0.
$B/rremu run $B/tests/emu/stuck-reset.elf </dev/null
