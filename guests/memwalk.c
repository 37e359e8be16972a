/*
 * memwalk: fills a buffer of RAM and keeps rewriting it, for the
 * reverse-debugging benchmark (a guest whose snapshots cannot share
 * pages); prints a checksum.  Input: one line "MIB PASSES".
 */
#include "rt.h"

/* After the 16 MiB the image may use; QEMU's virt has 128 MiB. */
#define BUF_BASE	0x81000000u
#define MIB_MAX		64u
#define LINE_MAX	32
/*
 * Words between calls of mark_small and of mark_big: about 10^6 and
 * 10^8 instructions apart, for the benchmark's breakpoints.
 */
#define SMALL_WORDS	74000u
#define BIG_WORDS	7400000u

unsigned long	 nsmall, nbig;

__attribute__((noinline)) void
mark_small(void)
{
	nsmall++;
}

__attribute__((noinline)) void
mark_big(void)
{
	nbig++;
}

/* The next unsigned decimal number in *s, or -1 if there is none. */
static long
number(const char **s)
{
	long v = -1;

	while (**s == ' ')
		(*s)++;
	while (**s >= '0' && **s <= '9' && v < 1000000) {
		v = (v < 0 ? 0 : v * 10) + (**s - '0');
		(*s)++;
	}
	return v;
}

int
main(void)
{
	volatile uint32_t *buf = (volatile uint32_t *)BUF_BASE;
	char line[LINE_MAX];
	const char *s = line;
	uint32_t words, i, x = 1, sum = 0, small = 0, big = 0;
	long mib, passes, p;

	if (uart_getline(line, sizeof(line), 0) < 0 ||
	    (mib = number(&s)) <= 0 || (uint32_t)mib > MIB_MAX ||
	    (passes = number(&s)) <= 0) {
		printf("memwalk: want \"MIB PASSES\", MIB 1 to %lu\n",
		    (unsigned long)MIB_MAX);
		return 1;
	}
	words = (uint32_t)mib << 18;
	/* Every word rewritten on every pass, from the one before. */
	for (p = 0; p < passes; p++)
		for (i = 0; i < words; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (p == 0 ? 0 : buf[i]) ^ x;
			if (++small == SMALL_WORDS) {
				small = 0;
				mark_small();
			}
			if (++big == BIG_WORDS) {
				big = 0;
				mark_big();
			}
		}
	for (i = 0; i < words; i++)
		sum = (sum << 1 | sum >> 31) ^ buf[i];
	printf("memwalk: %ld MiB, %ld passes, checksum %08lx, marks %lu %lu\n",
	    mib, passes, (unsigned long)sum, nsmall, nbig);
	return 0;
}
