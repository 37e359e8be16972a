/* Trap handler: PLIC external interrupts, the CLINT timer, fatal exceptions. */
#include "rt.h"

#define MCAUSE_IRQ	0x80000000u
#define IRQ_MTI		7u
#define IRQ_MEI		11u

#define MIE_MTIE	(1u << 7)

#define CLINT_MTIMECMP	(RT_CLINT + 0x4000u)
#define PLIC_CLAIM0	(RT_PLIC + 0x200004u)

volatile uint32_t	 rt_timer_irqs, rt_ext_irqs;
exception_fn		*rt_exception_hook;
static timer_fn		*timer_cb;
static int		 in_trap;	/* mstatus.MIE must stay off */

void	 trap_handler(uint32_t, uint32_t, uint32_t, uint32_t *);

static void
mtimecmp_set(uint64_t when)
{
	/*
	 * Two 32-bit writes: park the high half at its maximum first so
	 * no intermediate value lies in the past and fires early.
	 */
	MMIO32(CLINT_MTIMECMP + 4) = 0xffffffffu;
	MMIO32(CLINT_MTIMECMP) = (uint32_t)when;
	MMIO32(CLINT_MTIMECMP + 4) = (uint32_t)(when >> 32);
}

void
timer_arm(uint64_t when, timer_fn *fn)
{
	uint32_t bit = MIE_MTIE;

	irq_off();
	timer_cb = fn;
	mtimecmp_set(when);
	__asm__ volatile ("csrs mie, %0" :: "r"(bit) : "memory");
	/* From a callback, mret turns interrupts back on; not before. */
	if (!in_trap)
		irq_on();
}

void
timer_disarm(void)
{
	uint32_t bit = MIE_MTIE;

	__asm__ volatile ("csrc mie, %0" :: "r"(bit) : "memory");
	mtimecmp_set(UINT64_MAX);
}

static void
external_irq(void)
{
	uint32_t id;

	/* Claim until the PLIC has nothing more for this context. */
	while ((id = MMIO32(PLIC_CLAIM0)) != 0) {
		if (id == RT_UART_IRQ)
			uart_isr();
		else
			printf("rt: unexpected PLIC source %lu\n", id);
		MMIO32(PLIC_CLAIM0) = id;
	}
}

static const char *
cause_name(uint32_t code)
{
	static const char *const names[] = {
		"instruction address misaligned", "instruction access fault",
		"illegal instruction", "breakpoint", "load address misaligned",
		"load access fault", "store address misaligned",
		"store access fault", "ecall from U-mode", "ecall from S-mode",
		"reserved", "ecall from M-mode", "instruction page fault",
		"load page fault", "reserved", "store page fault"
	};

	return code < sizeof(names) / sizeof(names[0]) ? names[code] :
	    "unknown";
}

void
trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval, uint32_t *frame)
{
	timer_fn *fn;

	(void)frame;
	in_trap = 1;
	if (mcause == (MCAUSE_IRQ | IRQ_MEI)) {
		rt_ext_irqs++;
		external_irq();
		in_trap = 0;
		return;
	}
	if (mcause == (MCAUSE_IRQ | IRQ_MTI)) {
		rt_timer_irqs++;
		/* One-shot: disarm before the callback so it may re-arm. */
		fn = timer_cb;
		timer_cb = NULL;
		timer_disarm();
		if (fn != NULL)
			fn(mtime());
		in_trap = 0;
		return;
	}
	if ((mcause & MCAUSE_IRQ) == 0 && rt_exception_hook != NULL)
		rt_exception_hook(mcause, mepc, mtval);
	if (mcause & MCAUSE_IRQ)
		printf("rt: unexpected interrupt %lu", mcause & ~MCAUSE_IRQ);
	else
		printf("rt: unexpected exception %lu (%s)", mcause,
		    cause_name(mcause));
	printf(": mcause=0x%08lx mepc=0x%08lx mtval=0x%08lx\n", mcause, mepc,
	    mtval);
	exit(RT_EXIT_TRAP);
}
