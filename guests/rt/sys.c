/* Runtime basics: finisher exit, RTC, seed CSR, mtime, interrupts, mem*. */
#include "rt.h"

#define FIN_PASS	0x5555u
#define FIN_FAIL	0x3333u

#define RTC_TIME_LOW	0x00u
#define RTC_TIME_HIGH	0x04u

#define CLINT_MTIME	0xbff8u

#define MSTATUS_MIE	0x8u

void
exit(int code)
{
	/* Nothing buffers output, so the finisher may stop the machine now. */
	if (code == 0)
		MMIO32(RT_FINISHER) = FIN_PASS;
	else
		MMIO32(RT_FINISHER) = ((uint32_t)code << 16) | FIN_FAIL;
	/* Still here: no finisher.  Say so and stop the hart. */
	putstr("rt: finisher did not stop the machine\n");
	irq_off();
	for (;;)
		wfi();
}

uint64_t
rtc_ns(void)
{
	uint32_t lo, hi;

	/* Reading TIME_LOW latches TIME_HIGH: the order matters. */
	lo = MMIO32(RT_RTC + RTC_TIME_LOW);
	hi = MMIO32(RT_RTC + RTC_TIME_HIGH);
	return ((uint64_t)hi << 32) | lo;
}

uint32_t
seed_read(void)
{
	uint32_t v;

	/* seed must be accessed with a write (csrrw): csrr would trap. */
	__asm__ volatile ("csrrw %0, 0x015, x0" : "=r"(v) :: "memory");
	return v;
}

uint32_t
entropy16(uint32_t *tries)
{
	uint32_t n, v;

	for (n = 1;; n++) {
		v = seed_read();
		if (v >> 30 == SEED_ES16)
			break;
		if (v >> 30 == SEED_DEAD) {
			printf("rt: seed CSR reports DEAD (0x%08lx)\n", v);
			exit(RT_EXIT_TRAP);
		}
	}
	if (tries != NULL)
		*tries = n;
	return v & 0xffffu;
}

uint64_t
mtime(void)
{
	uint32_t hi, lo, hi2;

	/* 64 bits read in two halves: retry if the low half wrapped. */
	do {
		hi = MMIO32(RT_CLINT + CLINT_MTIME + 4);
		lo = MMIO32(RT_CLINT + CLINT_MTIME);
		hi2 = MMIO32(RT_CLINT + CLINT_MTIME + 4);
	} while (hi != hi2);
	return ((uint64_t)hi << 32) | lo;
}

void
wfi(void)
{
	__asm__ volatile ("wfi" ::: "memory");
}

void
sleep_irq(void)
{
	/* WFI wakes on mip & mie even with mstatus.MIE clear. */
	wfi();
	irq_on();
	irq_off();
}

int
irq_off(void)
{
	uint32_t old;

	__asm__ volatile ("csrrci %0, mstatus, 8" : "=r"(old) :: "memory");
	return (old & MSTATUS_MIE) != 0;
}

void
irq_on(void)
{
	__asm__ volatile ("csrsi mstatus, 8" ::: "memory");
}

void
irq_restore(int on)
{
	if (on)
		irq_on();
}

/*
 * The compiler may emit calls to these even with -ffreestanding; the
 * attribute keeps it from turning their own loops back into calls.
 */
#define NO_LIBCALL \
	__attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LIBCALL void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

NO_LIBCALL void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (size_t)(p - s);
}

int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}
