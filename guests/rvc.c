/*
 * rvc: the C extension as a guest sees it, whatever the build: 16- and
 * 32-bit instructions mixed, jumps and branches to 2-byte boundaries, a
 * 32-bit instruction across a page, code at the end of RAM, a store
 * into the second half of a 32-bit instruction, and the traps of
 * compressed instructions (mtval is their 16 bits).  The code under
 * test is assembly with .option rvc, so the rv32im build runs it too.
 */
#include "rt.h"

/* RAM is 128 MiB from 0x80000000: QEMU's virt default and rremu's. */
#define RAM_END		0x88000000u

volatile uint32_t	 trap_cause, trap_epc, trap_tval, trap_resume;

/*
 * Call the code at addr with a0 = 0 and return its a0; a trap in it
 * (handled by probe_trap, which records mcause, mepc and mtval) returns
 * 0xffffffff instead.
 */
uint32_t	 probe(uint32_t addr);
uint32_t	 straddle(void);
uint32_t	 targets(void);

__asm__(
	"	.text\n"
	"	.balign	4\n"
	"probe_trap:\n"
	"	csrr	t0, mcause\n"
	"	la	t1, trap_cause\n"
	"	sw	t0, 0(t1)\n"
	"	csrr	t0, mepc\n"
	"	la	t1, trap_epc\n"
	"	sw	t0, 0(t1)\n"
	"	csrr	t0, mtval\n"
	"	la	t1, trap_tval\n"
	"	sw	t0, 0(t1)\n"
	"	la	t1, trap_resume\n"
	"	lw	t0, 0(t1)\n"
	"	csrw	mepc, t0\n"
	"	li	a0, -1\n"
	"	mret\n"
	"	.globl	probe\n"
	"probe:\n"
	"	addi	sp, sp, -16\n"
	"	sw	ra, 12(sp)\n"
	"	csrr	t2, mtvec\n"
	"	sw	t2, 8(sp)\n"
	"	la	t0, probe_trap\n"
	"	csrw	mtvec, t0\n"
	"	la	t0, 1f\n"
	"	la	t1, trap_resume\n"
	"	sw	t0, 0(t1)\n"
	"	mv	t0, a0\n"
	"	li	a0, 0\n"
	"	jalr	t0\n"
	"1:	lw	t2, 8(sp)\n"
	"	csrw	mtvec, t2\n"
	"	lw	ra, 12(sp)\n"
	"	addi	sp, sp, 16\n"
	"	ret\n");

/* ((5 + 1 + 100) << 1) = 212, with the addi across a page boundary. */
__asm__(
	"	.text\n"
	"	.balign	4096\n"
	"	.skip	4096 - 6\n"
	"	.globl	straddle\n"
	"straddle:\n"
	"	.option	push\n"
	"	.option	rvc\n"
	"	c.li	a0, 5\n"
	"	c.addi	a0, 1\n"
	"	.option	norvc\n"
	"	addi	a0, a0, 100\n"		/* page end - 2 .. + 2 */
	"	.option	rvc\n"
	"	c.slli	a0, 1\n"
	"	c.jr	ra\n"
	"	.option	pop\n");

/*
 * Every kind of control transfer to an address that is 2 mod 4: c.j,
 * jal, jalr, a 32-bit branch, c.bnez, and jalr to an odd address (bit 0
 * is cleared).  Each target adds its bit to a0: 63.
 */
__asm__(
	"	.text\n"
	"	.balign	4\n"
	"	.globl	targets\n"
	"targets:\n"
	"	.option	push\n"
	"	.option	rvc\n"
	"	c.li	a0, 0\n"
	"	c.j	1f\n"
	"	c.li	a0, 9\n"
	"	c.nop\n"
	"	c.nop\n"
	"1:	c.addi	a0, 1\n"		/* 4n + 10 */
	"	.option	norvc\n"
	"	jal	zero, 2f\n"
	"	addi	a0, a0, 64\n"
	"2:	addi	a0, a0, 2\n"		/* 4n + 18 */
	"	la	t0, 3f\n"
	"	jalr	zero, 0(t0)\n"
	"	.balign	4\n"
	"	.option	rvc\n"
	"	c.nop\n"
	"3:	c.addi	a0, 4\n"
	"	.option	norvc\n"
	"	bnez	a0, 4f\n"
	"	.balign	4\n"
	"	.option	rvc\n"
	"	c.nop\n"
	"4:	c.addi	a0, 8\n"
	"	c.bnez	a0, 5f\n"
	"	c.nop\n"
	"	.balign	4\n"
	"	c.nop\n"
	"5:	c.addi	a0, 16\n"
	"	.option	norvc\n"
	"	la	t0, 6f + 1\n"
	"	jalr	zero, 0(t0)\n"
	"	.balign	4\n"
	"	.option	rvc\n"
	"	c.nop\n"
	"6:	c.addi	a0, 16\n"
	"	c.addi	a0, 16\n"
	"	c.jr	ra\n"
	"	.option	pop\n");

static void
store16(uint32_t addr, uint16_t v)
{
	*(volatile uint16_t *)(uintptr_t)addr = v;
	__asm__ volatile ("fence.i" ::: "memory");
}

/*
 * What probe found; mepc as an offset from base (named bname), so the
 * output is the same for both builds.
 */
static void
show_trap(const char *what, uint32_t r, uint32_t base, const char *bname)
{
	int d = (int)(trap_epc - base);

	if (r != 0xffffffffu)
		printf("rvc: %s: no trap, a0 = %lu\n", what, r);
	else
		printf("rvc: %s: mcause %lu, mepc %s%c%d, mtval 0x%08lx\n",
		    what, trap_cause, bname, d < 0 ? '-' : '+',
		    d < 0 ? -d : d, trap_tval);
}

/* Code written to a buffer: 32-bit addi at +2, c.jr ra after it. */
static uint16_t	 code[8] __attribute__((aligned(16)));

int
main(void)
{
	uint32_t buf = (uint32_t)(uintptr_t)code;

	printf("rvc: a 32-bit addi across a page: a0 = %lu (want 212)\n",
	    straddle());
	printf("rvc: jumps to 2-byte boundaries: a0 = %lu (want 63)\n",
	    targets());

	/* addi a0, a0, 0x100 at buf + 2, then its upper half rewritten. */
	store16(buf + 2, 0x0513);
	store16(buf + 4, 0x1005);
	store16(buf + 6, 0x8082);		/* c.jr ra */
	printf("rvc: code at buf + 2: a0 = 0x%lx\n", probe(buf + 2));
	store16(buf + 4, 0x0015);		/* imm 1 */
	printf("rvc: its second half rewritten: a0 = 0x%lx\n",
	    probe(buf + 2));

	/* The traps of 16-bit instructions: mtval is the instruction. */
	store16(buf, 0x6000);			/* c.flw */
	show_trap("c.flw", probe(buf), buf, "buf");
	store16(buf, 0x1082);			/* c.slli ra, 32: RV64 only */
	show_trap("c.slli by 32", probe(buf), buf, "buf");
	store16(buf, 0x0000);
	show_trap("0x0000", probe(buf), buf, "buf");
	store16(buf, 0x9002);			/* c.ebreak */
	show_trap("c.ebreak", probe(buf), buf, "buf");

	/* The last halfword of RAM. */
	store16(RAM_END - 2, 0x8082);		/* c.jr ra */
	show_trap("c.jr at the end of RAM", probe(RAM_END - 2),
	    RAM_END, "end");
	store16(RAM_END - 2, 0x0001);		/* c.nop, then nothing */
	show_trap("c.nop at the end of RAM", probe(RAM_END - 2),
	    RAM_END, "end");
	/*
	 * Not here: a 32-bit instruction across the end of RAM.  QEMU 7.2
	 * aborts on it (translator_access: assertion phys_page != -1);
	 * rremu's answer (mepc its start, mtval the end of RAM, as the
	 * spec says) is tested in tests/unit/check_cpu.c, rvc_straddle.
	 */
	return 0;
}
