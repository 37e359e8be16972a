/*
 * stuck-loop: a trap handler whose first instruction traps itself (flw:
 * no F), entered from an ecall: the same trap at the same pc for ever,
 * nothing else retired.  rremu stops with status 125 and the reason
 * (tests/cli/rremu/stuck-*.sh).
 */
	.section .text.init, "ax", @progbits
	.globl	_start
_start:
	la	t0, handler
	csrw	mtvec, t0
	li	a0, 1
	ecall
	j	_start

	.balign	4
handler:
	flw	ft0, 0(a0)
	mret
