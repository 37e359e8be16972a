/*
 * asker: asks the host for a value for each byte of UART input, in the
 * order the input says: 'c' reads the goldfish RTC, 'e' the Zkr seed
 * CSR, 'q' exits 0 through the test finisher; every byte is echoed.  So
 * a changed input byte changes the order of the guest's host values
 * (tests/emu/pinned.sh: re-recording with --host-from).  It polls the
 * UART's line status: give it input that ends in 'q'.
 */
	.section .text.init, "ax", @progbits
	.globl	_start
_start:
	li	s0, 0x10000000		/* UART: RBR/THR +0, LSR +5 */
	li	s1, 0x101000		/* RTC: TIME_LOW +0, TIME_HIGH +4 */
	li	s2, 0x100000		/* test finisher */
	li	s3, 'c'
	li	s4, 'e'
	li	s5, 'q'
next:
	lbu	t0, 5(s0)
	andi	t0, t0, 1		/* data ready */
	beqz	t0, next
	lbu	t1, 0(s0)
	sb	t1, 0(s0)
	beq	t1, s3, clock
	beq	t1, s4, seed
	beq	t1, s5, done
	j	next
clock:
	lw	t2, 0(s1)
	lw	t3, 4(s1)
	j	next
seed:
	csrrw	t2, 0x015, zero
	j	next
done:
	li	t0, 0x5555
	sw	t0, 0(s2)
	j	done
