/* fault: a load from an unmapped address must trap with the right CSRs. */
#include "rt.h"

/* Nothing is mapped here on the virt board or in rremu. */
#define HOLE		0x00000010u
#define LOAD_FAULT	5u

/*
 * The load is the first instruction of load_word, so the expected mepc
 * is its address, whatever the layout of the rest of the image.
 */
uint32_t	 load_word(uint32_t);
__asm__(
	"	.text\n"
	"	.globl	load_word\n"
	"	.balign	4\n"
	"load_word:\n"
	"	lw	a0, 0(a0)\n"
	"	ret\n");

static void
on_fault(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
	int ok;

	ok = mcause == LOAD_FAULT && mepc == (uint32_t)(uintptr_t)load_word &&
	    mtval == HOLE;
	printf("fault: mcause %lu (load access fault): %s\n", mcause,
	    mcause == LOAD_FAULT ? "ok" : "FAIL");
	printf("fault: mepc is the faulting load: %s\n",
	    mepc == (uint32_t)(uintptr_t)load_word ? "ok" : "FAIL");
	printf("fault: mtval 0x%08lx is the address: %s\n", mtval,
	    mtval == HOLE ? "ok" : "FAIL");
	/* 100 as the runtime would, so a broken hook still shows. */
	exit(ok ? RT_EXIT_TRAP : 1);
}

int
main(void)
{
	uint32_t v;

	printf("fault: loading from unmapped 0x%08lx; expect a load access "
	    "fault and exit status %d\n", (uint32_t)HOLE, RT_EXIT_TRAP);
	rt_exception_hook = on_fault;
	v = load_word(HOLE);
	printf("fault: the load did not trap (read 0x%08lx): FAIL\n", v);
	return 1;
}
