/* timer: CLINT timer interrupts at fixed intervals, WFI between them. */
#include "rt.h"

#define TICKS		5
#define PERIOD		(RT_MTIME_HZ / 100)	/* 10 ms of mtime */

static volatile uint32_t ticks;
static volatile uint32_t early;		/* interrupts before their deadline */
static uint64_t		 deadline[TICKS];
static volatile uint64_t seen[TICKS];	/* mtime in the handler */

static void
on_tick(uint64_t now)
{
	uint32_t n = ticks;

	seen[n] = now;
	if (now < deadline[n])
		early++;
	ticks = ++n;
	/* Re-arm from the deadline, not from now: no drift. */
	if (n < TICKS) {
		deadline[n] = deadline[n - 1] + PERIOD;
		timer_arm(deadline[n], on_tick);
	}
}

int
main(void)
{
	uint64_t start;
	uint32_t shown = 0, back = 0;

	printf("timer: %d ticks, one every %lu mtime units (10 ms)\n", TICKS,
	    (uint32_t)PERIOD);
	start = mtime();
	printf("~ timer: start mtime %llu\n", start);
	deadline[0] = start + PERIOD;
	timer_arm(deadline[0], on_tick);
	while (shown < TICKS) {
		/* Sleep until the handler counts a tick not shown yet. */
		irq_off();
		while (ticks == shown)
			sleep_irq();
		irq_on();
		for (; shown < ticks; shown++) {
			printf("timer: tick %lu\n", shown + 1);
			printf("~ timer: tick %lu at mtime %llu, %llu after "
			    "its deadline\n", shown + 1, seen[shown],
			    seen[shown] - deadline[shown]);
			if (shown > 0 && seen[shown] <= seen[shown - 1])
				back++;
		}
	}
	printf("~ timer: %lu timer interrupts, elapsed mtime %llu\n",
	    rt_timer_irqs, mtime() - start);
	printf("timer: no tick before its deadline: %s\n",
	    early == 0 ? "ok" : "FAIL");
	printf("timer: mtime increased at every tick: %s\n",
	    back == 0 ? "ok" : "FAIL");
	printf("timer: one interrupt per tick: %s\n",
	    rt_timer_irqs == TICKS ? "ok" : "FAIL");
	return early != 0 || back != 0 || rt_timer_irqs != TICKS;
}
