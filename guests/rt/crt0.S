/*
 * Guest entry: gp, stack, bss, trap vector, main(hartid, dtb), exit by
 * the finisher.
 */

	.section .text.init, "ax", @progbits
	.globl	_start
_start:
	/* gp first, and without relaxation: relaxation would use gp itself. */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, __stack_top
	/* What the boot left: a0 = hart id, a1 = device tree (for main). */
	mv	s0, a0
	mv	s1, a1

	/* Mask everything until the runtime asks for interrupts. */
	csrw	mie, zero
	csrci	mstatus, 8
	la	t0, trap_entry
	csrw	mtvec, t0

	/* Zero .bss: QEMU zeroes RAM but a reset machine need not. */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sw	zero, 0(t0)
	addi	t0, t0, 4
	j	1b
2:
	call	uart_init
	mv	a0, s0
	mv	a1, s1
	call	main
	call	exit
3:	wfi
	j	3b

/*
 * Trap entry (direct mode, so 4-byte aligned).  Saves the registers a C
 * function may clobber, hands the frame to trap_handler and returns with
 * mret; callee-saved registers are preserved by the C code itself.
 */
	.text
	.balign	4
	.globl	trap_entry
trap_entry:
	addi	sp, sp, -80
	sw	ra, 0(sp)
	sw	t0, 4(sp)
	sw	t1, 8(sp)
	sw	t2, 12(sp)
	sw	a0, 16(sp)
	sw	a1, 20(sp)
	sw	a2, 24(sp)
	sw	a3, 28(sp)
	sw	a4, 32(sp)
	sw	a5, 36(sp)
	sw	a6, 40(sp)
	sw	a7, 44(sp)
	sw	t3, 48(sp)
	sw	t4, 52(sp)
	sw	t5, 56(sp)
	sw	t6, 60(sp)
	csrr	a0, mcause
	csrr	a1, mepc
	csrr	a2, mtval
	mv	a3, sp
	call	trap_handler
	lw	ra, 0(sp)
	lw	t0, 4(sp)
	lw	t1, 8(sp)
	lw	t2, 12(sp)
	lw	a0, 16(sp)
	lw	a1, 20(sp)
	lw	a2, 24(sp)
	lw	a3, 28(sp)
	lw	a4, 32(sp)
	lw	a5, 36(sp)
	lw	a6, 40(sp)
	lw	a7, 44(sp)
	lw	t3, 48(sp)
	lw	t4, 52(sp)
	lw	t5, 56(sp)
	lw	t6, 60(sp)
	addi	sp, sp, 80
	mret
