/*
 * gdbdemo: a small guest for the gdb tests (tests/emu/gdb.sh), built
 * with -O0 so every variable lives in memory and every line has code.
 * It reads the RTC once (a recorded event), so a replay has something
 * to check, and prints a running total.
 */
#include "rt.h"

/* Written by bump(): the tests watch it. */
volatile unsigned int total;
unsigned int steps;

static unsigned int
square(unsigned int v)
{
	unsigned int r = v * v;

	return r;
}

void
bump(unsigned int v)
{
	unsigned int sq = square(v);

	total = total + sq;	/* the watched store */
	steps++;
}

int
main(void)
{
	unsigned int i;
	uint64_t t;

	t = rtc_ns();
	for (i = 1; i <= 5; i++)
		bump(i);
	printf("gdbdemo: total %u after %u steps\n", total, steps);
	if (t == 0)
		puts("gdbdemo: the clock read 0");
	return total == 55 ? 0 : 1;
}
