/*
 * stuck-reset: the first instruction traps while mtvec is still 0 (as
 * at reset), so no handler can run: rremu stops with status 125 and the
 * reason (tests/cli/rremu/stuck-*.sh).  Under QEMU this spins for ever.
 */
	.section .text.init, "ax", @progbits
	.globl	_start
_start:
	csrw	fcsr, zero
	j	_start
