/*
 * shtrap: one semihosting call (WRITE0).  With semihosting off, as on
 * QEMU without -semihosting, the EBREAK is a breakpoint exception and the
 * runtime's trap handler reports it and exits 100; with rremu
 * --semihosting the string is written to the console and the guest goes
 * on (tests/emu/semihost.sh).
 */
#include "rt.h"

/* The RISC-V semihosting sequence: uncompressed, in one page. */
static uint32_t
semihost(uint32_t op, uint32_t arg)
{
	register uint32_t a0 __asm__("a0") = op;
	register uint32_t a1 __asm__("a1") = arg;

	__asm__ volatile (
	    ".option push\n\t"
	    ".option norvc\n\t"
	    ".balign 16\n\t"
	    "slli x0, x0, 0x1f\n\t"
	    "ebreak\n\t"
	    "srai x0, x0, 7\n\t"
	    ".option pop"
	    : "+r" (a0) : "r" (a1) : "memory");
	return a0;
}

int
main(void)
{
	puts("shtrap: a semihosting call (WRITE0) comes next");
	semihost(0x04, (uint32_t)(uintptr_t)"shtrap: written by semihosting\n");
	puts("shtrap: back from the call");
	return 0;
}
