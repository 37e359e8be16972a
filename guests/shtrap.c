/*
 * shtrap: one semihosting call (WRITE0).  With semihosting off, as on
 * QEMU without -semihosting, the EBREAK is a breakpoint exception: mcause
 * 3, mtval 0, mepc the EBREAK; the hook checks them and exits 100.  With
 * rremu --semihosting the string is written to the console and the guest
 * goes on (tests/emu/semihost.sh).
 */
#include "rt.h"

#define BREAKPOINT	3u

/*
 * The RISC-V semihosting sequence, uncompressed and in one page (the
 * EBREAK is at semihost_call + 4, whatever the layout of the image):
 * a0 the operation, a1 its argument, the answer in a0.
 */
uint32_t	 semihost_call(uint32_t, uint32_t);
__asm__(
	"	.text\n"
	"	.globl	semihost_call\n"
	"	.balign	16\n"
	"	.option	push\n"
	"	.option	norvc\n"
	"semihost_call:\n"
	"	slli	x0, x0, 0x1f\n"
	"	ebreak\n"
	"	srai	x0, x0, 7\n"
	"	ret\n"
	"	.option	pop\n");

static void
on_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
	uint32_t at = (uint32_t)(uintptr_t)semihost_call + 4;
	int ok;

	ok = mcause == BREAKPOINT && mepc == at && mtval == 0;
	printf("shtrap: mcause %lu (breakpoint): %s\n", mcause,
	    mcause == BREAKPOINT ? "ok" : "FAIL");
	printf("shtrap: mepc is the EBREAK: %s\n", mepc == at ? "ok" :
	    "FAIL");
	printf("shtrap: mtval 0x%08lx: %s\n", mtval, mtval == 0 ? "ok" :
	    "FAIL");
	/* 100 as the runtime would, so a broken hook still shows. */
	exit(ok ? RT_EXIT_TRAP : 1);
}

int
main(void)
{
	puts("shtrap: a semihosting call (WRITE0) comes next");
	rt_exception_hook = on_trap;
	semihost_call(0x04, (uint32_t)(uintptr_t)
	    "shtrap: written by semihosting\n");
	puts("shtrap: back from the call");
	return 0;
}
