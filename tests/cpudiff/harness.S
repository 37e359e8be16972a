/*
 * The guest side of the differential test (tests/cpudiff/README): run
 * one generated stream (gen.c) with the harness's registers set, log
 * its traps, dump its registers.
 *
 * During a stream: sp and s0 point into the data area, gp is the trap
 * log's cursor, tp the trap handler's scratch; the stream writes none
 * of them.  mstatus.MIE stays clear: no interrupt comes.
 *
 * A stream in S or U (stream_run_priv) is entered by MRET, with satp,
 * medeleg and mstatus as main.c set them up; its traps go to M
 * (priv_mtrap) or, delegated, to S (priv_strap), which log the mode
 * they came from too and go back to it.  Its end, stream_exit, is an
 * ECALL (never delegated) that M takes back to stream_done.
 */
	.option	norelax
	.option	norvc

	.bss
	.balign	4
	.globl	trap_log, trap_log_end, dump
trap_log:
	.space	4 * 4 * 256		/* cause, epc, tval, mode */
trap_log_end:
dump:
	.space	32 * 4
save:
	.space	24 * 4

	.text
/* void stream_run(void (*stream)(void), uint8_t *data): data is 4 KiB. */
	.balign	4
	.globl	stream_run
stream_run:
	la	t0, save
	sw	ra, 0(t0)
	sw	sp, 4(t0)
	sw	gp, 8(t0)
	sw	tp, 12(t0)
	sw	s0, 16(t0)
	sw	s1, 20(t0)
	sw	s2, 24(t0)
	sw	s3, 28(t0)
	sw	s4, 32(t0)
	sw	s5, 36(t0)
	sw	s6, 40(t0)
	sw	s7, 44(t0)
	sw	s8, 48(t0)
	sw	s9, 52(t0)
	sw	s10, 56(t0)
	sw	s11, 60(t0)
	csrr	t1, mtvec
	sw	t1, 64(t0)
	csrr	t1, mstatus
	sw	t1, 68(t0)
	la	t1, stream_trap
	csrw	mtvec, t1
	la	gp, trap_log
	li	tp, 0
	li	s0, 2048		/* s0 +- 2 KiB: the data area */
	add	s0, s0, a1
	addi	sp, a1, 1024		/* sp + 0..252 */
	jr	a0

/*
 * void stream_run_priv(void (*stream)(void), uint32_t mstatus,
 *     uint32_t satp, uint32_t medeleg): mstatus holds MPP, SUM and MXR.
 * The data window is virtual: s0 at 0x40001000, sp at 0x40002400.
 */
	.balign	4
	.globl	stream_run_priv
stream_run_priv:
	la	t0, save
	sw	ra, 0(t0)
	sw	sp, 4(t0)
	sw	gp, 8(t0)
	sw	tp, 12(t0)
	sw	s0, 16(t0)
	sw	s1, 20(t0)
	sw	s2, 24(t0)
	sw	s3, 28(t0)
	sw	s4, 32(t0)
	sw	s5, 36(t0)
	sw	s6, 40(t0)
	sw	s7, 44(t0)
	sw	s8, 48(t0)
	sw	s9, 52(t0)
	sw	s10, 56(t0)
	sw	s11, 60(t0)
	csrr	t1, mtvec
	sw	t1, 64(t0)
	csrr	t1, mstatus
	sw	t1, 68(t0)
	la	t1, priv_mtrap
	csrw	mtvec, t1
	la	t1, priv_strap
	csrw	stvec, t1
	csrw	medeleg, a3
	csrw	mideleg, zero
	csrw	satp, a2
	sfence.vma
	csrw	mstatus, a1
	csrw	mepc, a0
	la	gp, trap_log
	li	tp, 0
	li	s0, 0x40001000
	li	sp, 0x40002400
	mret

/* The end of a stream in S or U: M takes it back to stream_done. */
	.balign	4
	.globl	stream_exit
stream_exit:
	ecall

/* The stream's end: dump x0..x31, back to stream_run's caller. */
	.globl	stream_done
stream_done:
	la	tp, dump
	sw	x1, 4(tp)
	sw	x2, 8(tp)
	sw	x3, 12(tp)
	sw	x5, 20(tp)
	sw	x6, 24(tp)
	sw	x7, 28(tp)
	sw	x8, 32(tp)
	sw	x9, 36(tp)
	sw	x10, 40(tp)
	sw	x11, 44(tp)
	sw	x12, 48(tp)
	sw	x13, 52(tp)
	sw	x14, 56(tp)
	sw	x15, 60(tp)
	sw	x16, 64(tp)
	sw	x17, 68(tp)
	sw	x18, 72(tp)
	sw	x19, 76(tp)
	sw	x20, 80(tp)
	sw	x21, 84(tp)
	sw	x22, 88(tp)
	sw	x23, 92(tp)
	sw	x24, 96(tp)
	sw	x25, 100(tp)
	sw	x26, 104(tp)
	sw	x27, 108(tp)
	sw	x28, 112(tp)
	sw	x29, 116(tp)
	sw	x30, 120(tp)
	sw	x31, 124(tp)
	la	t0, save
	lw	t1, 64(t0)
	csrw	mtvec, t1
	lw	t1, 68(t0)
	csrw	mstatus, t1
	csrw	satp, zero
	csrw	medeleg, zero
	sfence.vma
	lw	ra, 0(t0)
	lw	sp, 4(t0)
	lw	gp, 8(t0)
	lw	tp, 12(t0)
	lw	s0, 16(t0)
	lw	s1, 20(t0)
	lw	s2, 24(t0)
	lw	s3, 28(t0)
	lw	s4, 32(t0)
	lw	s5, 36(t0)
	lw	s6, 40(t0)
	lw	s7, 44(t0)
	lw	s8, 48(t0)
	lw	s9, 52(t0)
	lw	s10, 56(t0)
	lw	s11, 60(t0)
	ret

/*
 * A trap: log it and go on after the instruction (its length from its
 * first halfword); a full log ends the stream.
 */
	.balign	4
stream_trap:
	csrr	tp, mcause
	sw	tp, 0(gp)
	csrr	tp, mepc
	sw	tp, 4(gp)
	csrr	tp, mtval
	sw	tp, 8(gp)
	li	tp, 3
	sw	tp, 12(gp)
	addi	gp, gp, 16
	la	tp, trap_log_end
	bgeu	gp, tp, stream_done
	csrr	tp, mepc
	lhu	tp, 0(tp)
	andi	tp, tp, 3
	addi	tp, tp, -3
	beqz	tp, 1f
	csrr	tp, mepc
	addi	tp, tp, 2
	csrw	mepc, tp
	mret
1:	csrr	tp, mepc
	addi	tp, tp, 4
	csrw	mepc, tp
	mret

/*
 * A trap from S or U taken in M: log it with the mode it came from
 * (MPP) and go back there after the instruction; the stream's end
 * (an ECALL at stream_exit) and a full log go to stream_done.  t0 is
 * spilled to mscratch, which S and U cannot touch.
 */
	.balign	4
priv_mtrap:
	csrw	mscratch, t0
	csrr	tp, mepc
	la	t0, stream_exit
	beq	tp, t0, 2f
	csrr	tp, mcause
	sw	tp, 0(gp)
	csrr	tp, mepc
	sw	tp, 4(gp)
	csrr	tp, mtval
	sw	tp, 8(gp)
	csrr	tp, mstatus
	srli	tp, tp, 11
	andi	tp, tp, 3
	sw	tp, 12(gp)
	addi	gp, gp, 16
	la	t0, trap_log_end
	bgeu	gp, t0, 2f
	csrr	tp, mepc
	lhu	tp, 0(tp)
	andi	tp, tp, 3
	addi	tp, tp, -3
	csrr	t0, mepc
	addi	t0, t0, 2
	bnez	tp, 1f
	addi	t0, t0, 2
1:	csrw	mepc, t0
	csrr	t0, mscratch
	mret
2:	csrr	t0, mscratch
	j	stream_done

/*
 * A trap delegated to S: log it (mode 0x10 | SPP) and go back after
 * the instruction; a full log ends the stream through stream_exit.
 * t0 is spilled to sscratch (the stream's own sscratch is lost then;
 * the register dump does not show it).
 */
	.balign	4
priv_strap:
	csrw	sscratch, t0
	csrr	tp, scause
	sw	tp, 0(gp)
	csrr	tp, sepc
	sw	tp, 4(gp)
	csrr	tp, stval
	sw	tp, 8(gp)
	csrr	tp, sstatus
	srli	tp, tp, 8
	andi	tp, tp, 1
	ori	tp, tp, 0x10
	sw	tp, 12(gp)
	addi	gp, gp, 16
	la	t0, trap_log_end
	bgeu	gp, t0, 2f
	csrr	tp, sepc
	lhu	tp, 0(tp)
	andi	tp, tp, 3
	addi	tp, tp, -3
	csrr	t0, sepc
	addi	t0, t0, 2
	bnez	tp, 1f
	addi	t0, t0, 2
1:	csrw	sepc, t0
	csrr	t0, sscratch
	sret
2:	csrr	t0, sscratch
	j	stream_exit
