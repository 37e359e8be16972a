/*
 * os: an M-mode monitor starts an S-mode kernel, which maps a user
 * program with Sv32 and runs it in U-mode: system calls by ECALL, a
 * page fault handled and resumed, a store to a page with D clear, PMP
 * denying a page, a privileged instruction from U, code rewritten
 * through another mapping, timer interrupts delegated to S, and the
 * UART's interrupt taken in U through the PLIC's S-mode context
 * (context 1, SEIP), with mip.SEIP read from M as the OR of the PLIC's
 * line and the bit software writes.
 */
#include "rt.h"

#define PTE_V		0x001u
#define PTE_R		0x002u
#define PTE_W		0x004u
#define PTE_X		0x008u
#define PTE_U		0x010u
#define PTE_A		0x040u
#define PTE_D		0x080u

/* User virtual addresses, all under one leaf table (the user program
   below has them as numbers). */
#define U_CODE		0x00400000u
#define U_STACK		0x00500000u
#define U_CLEAN		0x00501000u	/* A set, D clear */
#define U_LAZY		0x00600000u	/* mapped on first touch */
#define U_SECRET	0x00700000u	/* PMP: no access */
#define U_ALIAS		0x00780000u	/* the code page, writable */

/* System calls (a7). */
#define SYS_WRITE	1
#define SYS_REPORT	2
#define SYS_CHECKD	3
#define SYS_TIMER	4
#define SYS_TICKS	5
#define SYS_EXIT	6
#define SYS_UART	7
#define SYS_SEIPS	8

/* Monitor calls from S (a7), SBI-like. */
#define MON_TIMER	1
#define MON_CLEAR	2
#define MON_EXIT	3
#define MON_LINE_UP	4
#define MON_LINE_DOWN	5

#define CLINT_MTIMECMP	(RT_CLINT + 0x4000u)
#define CLINT_MTIME	(RT_CLINT + 0xbff8u)
#define MIP_STIP	(1u << 5)
#define MIP_SEIP	(1u << 9)
#define MIE_SEIE	(1u << 9)
#define MIE_MTIE	(1u << 7)
#define TICK		10000u		/* 1 ms of mtime */

/* The PLIC's S-mode context of hart 0 (context 1) on virt. */
#define PLIC_PRIO(id)	(RT_PLIC + 4u * (id))
#define PLIC_ENABLE1	(RT_PLIC + 0x2080u)
#define PLIC_THRESH1	(RT_PLIC + 0x201000u)
#define PLIC_CLAIM1	(RT_PLIC + 0x201004u)
#define UART_IER	(RT_UART + 1u)
#define UART_IIR	(RT_UART + 2u)
#define IER_THRI	0x02u		/* THR empty */

#define CSRR(c)		({ uint32_t v_; \
			   __asm__ volatile ("csrr %0, " #c : "=r"(v_)); v_; })
#define CSRW(c, v)	__asm__ volatile ("csrw " #c ", %0" :: "r"(v) : \
			    "memory")
#define CSRS(c, v)	__asm__ volatile ("csrs " #c ", %0" :: "r"(v) : \
			    "memory")
#define CSRC(c, v)	__asm__ volatile ("csrc " #c ", %0" :: "r"(v) : \
			    "memory")

static uint32_t root[1024] __attribute__((aligned(4096)));
static uint32_t leaf[1024] __attribute__((aligned(4096)));
static uint8_t	ustack[4096] __attribute__((aligned(4096)));
static uint8_t	clean[4096] __attribute__((aligned(4096)));
static uint8_t	lazy[4096] __attribute__((aligned(4096)));
static uint8_t	secret[4096] __attribute__((aligned(4096)));
static uint8_t	kstack[4096] __attribute__((aligned(16)));
static uint8_t	mstack[4096] __attribute__((aligned(16)));
static volatile uint32_t ticks, want_ticks, seips;
static int	failed;

extern char	user_start[], user_patch[], m_vector[], s_vector[];
void		m_trap(uint32_t *);
void		s_trap(uint32_t *);

/*
 * Trap entries: every register into a frame on the mode's own stack
 * (its scratch CSR holds the stack top), the C handler, and back.
 */
__asm__(
	"	.macro	SAVE scratch\n"
	"	csrrw	sp, \\scratch, sp\n"
	"	addi	sp, sp, -128\n"
	"	.irp	n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,"
	"21,22,23,24,25,26,27,28,29,30,31\n"
	"	sw	x\\n, \\n*4(sp)\n"
	"	.endr\n"
	"	csrr	t0, \\scratch\n"
	"	sw	t0, 8(sp)\n"
	"	mv	a0, sp\n"
	"	.endm\n"
	"	.macro	RESTORE scratch\n"
	"	lw	t0, 8(sp)\n"
	"	addi	t1, sp, 128\n"
	"	csrw	\\scratch, t1\n"
	"	.irp	n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,"
	"21,22,23,24,25,26,27,28,29,30,31\n"
	"	lw	x\\n, \\n*4(sp)\n"
	"	.endr\n"
	"	lw	sp, 8(sp)\n"
	"	.endm\n"
	"	.text\n"
	"	.balign	4\n"
	"m_vector:\n"
	"	SAVE	mscratch\n"
	"	call	m_trap\n"
	"	RESTORE	mscratch\n"
	"	mret\n"
	"	.balign	4\n"
	"s_vector:\n"
	"	SAVE	sscratch\n"
	"	call	s_trap\n"
	"	RESTORE	sscratch\n"
	"	sret\n");

/*
 * The user program: one page of position-independent code at U_CODE,
 * 32-bit instructions only so every offset is the same in both builds.
 */
__asm__(
	"	.section .text.user, \"ax\", @progbits\n"
	"	.balign	4096\n"
	"	.option	push\n"
	"	.option	norvc\n"
	"user_start:\n"
	"	li	sp, 0x00501000\n"
	"	la	a0, 1f\n"
	"	li	a7, 1\n"			/* SYS_WRITE */
	"	ecall\n"
	/* A store to a page not mapped yet: the kernel maps it. */
	"	li	t0, 0x00600000\n"
	"	li	t1, 0x1234\n"
	"	sw	t1, 8(t0)\n"
	"	lw	a0, 8(t0)\n"
	"	li	a1, 1\n"
	"	li	a7, 2\n"			/* SYS_REPORT */
	"	ecall\n"
	/* A store to a page with D clear. */
	"	li	t0, 0x00501000\n"
	"	li	t1, 7\n"
	"	sw	t1, 0(t0)\n"
	"	li	a7, 3\n"			/* SYS_CHECKD */
	"	ecall\n"
	/* PMP denies the page: the kernel sets a0 and skips the load. */
	"	li	t0, 0x00700000\n"
	"	li	a0, 0\n"
	"	lw	a0, 0(t0)\n"
	"	li	a1, 2\n"
	"	li	a7, 2\n"
	"	ecall\n"
	/* A privileged CSR from U: illegal, skipped. */
	"	li	a0, 0\n"
	"	csrr	a0, sstatus\n"
	"	li	a1, 3\n"
	"	li	a7, 2\n"
	"	ecall\n"
	/* Code rewritten through another mapping, then run. */
	"	call	user_patch\n"
	"	li	a1, 4\n"
	"	li	a7, 2\n"
	"	ecall\n"
	"	li	t0, 0x00780000\n"
	"	la	t1, user_patch\n"
	"	li	t2, 0x00400000\n"
	"	sub	t1, t1, t2\n"
	"	add	t0, t0, t1\n"
	"	li	t1, 0x02a00513\n"		/* li a0, 42 */
	"	sw	t1, 0(t0)\n"
	"	fence.i\n"
	"	call	user_patch\n"
	"	li	a1, 5\n"
	"	li	a7, 2\n"
	"	ecall\n"
	/* Three timer interrupts, delegated to S, while U spins. */
	"	li	a0, 3\n"
	"	li	a7, 4\n"			/* SYS_TIMER */
	"	ecall\n"
	"2:	li	a7, 5\n"			/* SYS_TICKS */
	"	ecall\n"
	"	li	t0, 3\n"
	"	blt	a0, t0, 2b\n"
	/* The UART's THR-empty interrupt, through the S context. */
	"	li	a7, 7\n"			/* SYS_UART */
	"	ecall\n"
	"4:	li	a7, 8\n"			/* SYS_SEIPS */
	"	ecall\n"
	"	beqz	a0, 4b\n"
	"	li	a1, 6\n"
	"	li	a7, 2\n"
	"	ecall\n"
	"	li	a0, 0\n"
	"	li	a7, 6\n"			/* SYS_EXIT */
	"	ecall\n"
	"3:	j	3b\n"
	"user_patch:\n"
	"	li	a0, 1\n"
	"	ret\n"
	"1:	.asciz	\"hello from U-mode\\n\"\n"
	"	.option	pop\n"
	"	.balign	4096\n"
	"	.text\n");

static void
check(const char *what, int ok)
{
	printf("os: %s: %s\n", what, ok ? "ok" : "FAIL");
	if (!ok)
		failed = 1;
}

static uint32_t
pa_of(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

static uint32_t
pte(uint32_t pa, uint32_t flags)
{
	return (pa >> 12) << 10 | flags | PTE_V;
}

static void
map(uint32_t va, uint32_t pa, uint32_t flags)
{
	leaf[(va >> 12) & 0x3ff] = pte(pa, flags);
}

static void
sfence(void)
{
	__asm__ volatile ("sfence.vma" ::: "memory");
}

static uint32_t
mon(uint32_t which, uint32_t arg)
{
	register uint32_t a0 __asm__("a0") = arg;
	register uint32_t a7 __asm__("a7") = which;

	__asm__ volatile ("ecall" : "+r"(a0) : "r"(a7) : "memory");
	return a0;
}

/* ---- S-mode kernel ---- */

static void
sys_write(uint32_t va)
{
	char c;

	/* User memory from S: SUM on for the copy. */
	CSRS(sstatus, 1u << 18);
	while ((c = *(volatile char *)(uintptr_t)va++) != 0)
		putchar(c);
	CSRC(sstatus, 1u << 18);
}

static void
report(uint32_t which, uint32_t v)
{
	static const char *const what[] = { "", "lazy page reads back",
	    "PMP-denied load skipped", "sstatus from U skipped",
	    "user_patch before rewrite", "user_patch after rewrite",
	    "external interrupts taken in U" };
	static const uint32_t want[] = { 0, 0x1234, 0xdead, 0x2, 1, 42, 1 };

	if (which < 1 || which > 6) {
		check("report number", 0);
		return;
	}
	printf("os: %s: 0x%lx\n", what[which], v);
	check(what[which], v == want[which]);
}

/*
 * The UART asks for an interrupt as soon as its THR-empty interrupt is
 * enabled: through context 1 only, so it reaches S as SEIP and M's
 * MEIP stays down.
 */
static void
uart_irq_on(void)
{
	MMIO32(PLIC_PRIO(RT_UART_IRQ)) = 1;
	MMIO32(PLIC_ENABLE1) = 1u << RT_UART_IRQ;
	MMIO32(PLIC_THRESH1) = 0;
	check("PLIC context 1 enable reads back",
	    MMIO32(PLIC_ENABLE1) == 1u << RT_UART_IRQ);
	MMIO8(UART_IER) = IER_THRI;
	check("sip.SEIP follows the PLIC line", (CSRR(sip) & MIP_SEIP) != 0);
	check("mip.MEIP stays down", (mon(MON_LINE_UP, 0) & (1u << 11)) == 0);
	CSRS(sie, MIE_SEIE);
}

static void
uart_irq(void)
{
	uint32_t id, iir;

	id = MMIO32(PLIC_CLAIM1);
	iir = MMIO8(UART_IIR);		/* ends the THR-empty interrupt */
	MMIO8(UART_IER) = 0;
	printf("os: S claimed PLIC source %lu through context 1, "
	    "IIR 0x%02lx\n", id, iir);
	check("the UART's source", id == RT_UART_IRQ);
	check("the PLIC has nothing more", MMIO32(PLIC_CLAIM1) == 0);
	mon(MON_LINE_DOWN, 0);
	MMIO32(PLIC_CLAIM1) = id;
	seips++;
}

void
s_trap(uint32_t *f)
{
	uint32_t cause = CSRR(scause), epc = CSRR(sepc), tval = CSRR(stval);

	if (cause == (0x80000000u | 9)) {
		uart_irq();
		return;
	}

	if (cause == (0x80000000u | 5)) {
		ticks++;
		mon(MON_CLEAR, 0);
		if (ticks < want_ticks)
			mon(MON_TIMER, TICK);
		return;
	}
	switch (cause) {
	case 8:
		CSRW(sepc, epc + 4);
		switch (f[17]) {
		case SYS_WRITE:
			sys_write(f[10]);
			break;
		case SYS_REPORT:
			report(f[11], f[10]);
			break;
		case SYS_CHECKD:
			check("store to a clean page set D",
			    (leaf[(U_CLEAN >> 12) & 0x3ff] & PTE_D) != 0);
			check("the stored word reached RAM", clean[0] == 7);
			break;
		case SYS_TIMER:
			want_ticks = f[10];
			CSRS(sie, 1u << 5);
			mon(MON_TIMER, TICK);
			break;
		case SYS_TICKS:
			f[10] = ticks;
			break;
		case SYS_UART:
			uart_irq_on();
			break;
		case SYS_SEIPS:
			f[10] = seips;
			break;
		case SYS_EXIT:
			printf("os: user exited with %lu after %lu ticks\n",
			    f[10], ticks);
			mon(MON_EXIT, failed ? 1 : f[10]);
			break;
		}
		return;
	case 15:
		printf("os: store page fault at 0x%08lx, sepc +0x%lx\n", tval,
		    epc - U_CODE);
		check("fault in the lazy page", (tval & ~0xfffu) == U_LAZY);
		map(U_LAZY, pa_of(lazy), PTE_U | PTE_R | PTE_W);
		sfence();
		return;			/* the store runs again */
	case 5:
		printf("os: load access fault at 0x%08lx, sepc +0x%lx\n", tval,
		    epc - U_CODE);
		check("PMP fault names the address", tval == U_SECRET);
		f[10] = 0xdead;
		CSRW(sepc, epc + 4);
		return;
	case 2:
		printf("os: illegal instruction 0x%08lx from U, sepc +0x%lx\n",
		    tval, epc - U_CODE);
		check("SPP says U", (CSRR(sstatus) & (1u << 8)) == 0);
		f[10] = 2;
		CSRW(sepc, epc + 4);
		return;
	}
	printf("os: unexpected scause 0x%lx sepc 0x%08lx stval 0x%08lx\n",
	    cause, epc, tval);
	mon(MON_EXIT, 1);
}

static void
kernel(void)
{
	uint32_t i, ram = 0x80000000u;

	printf("os: S-mode kernel, sstatus.SPP %lu\n",
	    (CSRR(sstatus) >> 8) & 1);
	CSRW(sscratch, pa_of(kstack + sizeof(kstack)));
	CSRW(stvec, pa_of(s_vector));
	/* The kernel: RAM and the UART as megapages, identity. */
	for (i = 0; i < 4; i++)
		root[(ram >> 22) + i] = pte(ram + (i << 22),
		    PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
	root[RT_UART >> 22] = pte(RT_UART & ~0x3fffffu,
	    PTE_R | PTE_W | PTE_A | PTE_D);
	root[RT_PLIC >> 22] = pte(RT_PLIC, PTE_R | PTE_W | PTE_A | PTE_D);
	/* The user: 4 KiB pages under one leaf table. */
	root[U_CODE >> 22] = pte(pa_of(leaf), 0);
	map(U_CODE, pa_of(user_start), PTE_U | PTE_R | PTE_X);
	map(U_STACK, pa_of(ustack), PTE_U | PTE_R | PTE_W | PTE_A | PTE_D);
	map(U_CLEAN, pa_of(clean), PTE_U | PTE_R | PTE_W | PTE_A);
	map(U_SECRET, pa_of(secret), PTE_U | PTE_R);
	map(U_ALIAS, pa_of(user_start), PTE_U | PTE_R | PTE_W);
	CSRW(satp, 0x80000000u | (pa_of(root) >> 12));
	sfence();
	printf("os: Sv32 on, entering U at 0x%08lx\n", (uint32_t)U_CODE);
	CSRC(sstatus, 1u << 8);		/* SPP = U */
	CSRW(sepc, U_CODE);
	__asm__ volatile ("sret");
}

/* ---- M-mode monitor ---- */

static void
mtimecmp_in(uint32_t delta)
{
	uint64_t when = mtime() + delta;

	MMIO32(CLINT_MTIMECMP + 4) = 0xffffffffu;
	MMIO32(CLINT_MTIMECMP) = (uint32_t)when;
	MMIO32(CLINT_MTIMECMP + 4) = (uint32_t)(when >> 32);
}

/*
 * mip.SEIP as M sees it: the OR of the PLIC's line and the bit software
 * writes, of which only the written bit takes part in CSRRS and CSRRC.
 */
static uint32_t
line_up(void)
{
	uint32_t mip = CSRR(mip), after;

	check("mip.SEIP is up with the PLIC line", (mip & MIP_SEIP) != 0);
	/* A read-modify-write of another bit must not latch the line. */
	CSRS(mip, MIP_STIP);
	CSRC(mip, MIP_STIP);
	CSRC(mip, MIP_SEIP);
	after = CSRR(mip);
	check("csrc cannot clear the line", (after & MIP_SEIP) != 0);
	return mip;
}

static void
line_down(void)
{
	uint32_t a, b, c;

	a = CSRR(mip) & MIP_SEIP;
	CSRS(mip, MIP_SEIP);
	b = CSRR(mip) & MIP_SEIP;
	CSRC(mip, MIP_SEIP);
	c = CSRR(mip) & MIP_SEIP;
	printf("os: monitor: mip.SEIP after the claim 0x%lx, written 0x%lx, "
	    "cleared 0x%lx\n", a, b, c);
	check("mip.SEIP: the line did not stick, the written bit shows",
	    a == 0 && b == MIP_SEIP && c == 0);
}

void
m_trap(uint32_t *f)
{
	uint32_t cause = CSRR(mcause), epc = CSRR(mepc);

	if (cause == (0x80000000u | 7)) {
		/* Hand the tick to S. */
		CSRC(mie, MIE_MTIE);
		CSRS(mip, MIP_STIP);
		return;
	}
	if (cause != 9) {
		printf("os: monitor: unexpected mcause 0x%lx mepc 0x%08lx "
		    "mtval 0x%08lx\n", cause, epc, CSRR(mtval));
		exit(1);
	}
	CSRW(mepc, epc + 4);
	switch (f[17]) {
	case MON_TIMER:
		mtimecmp_in(f[10]);
		CSRS(mie, MIE_MTIE);
		break;
	case MON_CLEAR:
		CSRC(mip, MIP_STIP);
		break;
	case MON_EXIT:
		exit((int)f[10]);
	case MON_LINE_UP:
		f[10] = line_up();
		break;
	case MON_LINE_DOWN:
		line_down();
		break;
	}
}

int
main(void)
{
	uint32_t s;

	printf("os: M-mode monitor\n");
	/* PMP: the secret page denied, everything else open. */
	CSRW(pmpaddr0, (pa_of(secret) >> 2) | 0x1ffu);
	CSRW(pmpaddr1, 0xffffffffu);
	CSRW(pmpcfg0, 0x1f18u);
	check("pmpcfg0 reads back", CSRR(pmpcfg0) == 0x1f18u);
	/* User ecalls, page faults, access faults, illegal: to S. */
	CSRW(medeleg, (1u << 8) | (1u << 12) | (1u << 13) | (1u << 15) |
	    (1u << 5) | (1u << 7) | (1u << 2));
	CSRW(mideleg, (1u << 1) | (1u << 5) | (1u << 9));
	/* QEMU with H has VS interrupts delegated as well. */
	check("mideleg keeps the S interrupts",
	    (CSRR(mideleg) & 0x222u) == 0x222u);
	CSRW(mscratch, pa_of(mstack + sizeof(mstack)));
	CSRW(mtvec, pa_of(m_vector));
	CSRW(mie, 0);
	/* mret to S: MPP = S, MPIE = 1 so M's interrupts stay on below M. */
	s = CSRR(mstatus);
	s = (s & ~(3u << 11)) | (1u << 11) | (1u << 7);
	CSRW(mstatus, s);
	CSRW(mepc, pa_of(kernel));
	__asm__ volatile ("mret");
	return 1;
}
