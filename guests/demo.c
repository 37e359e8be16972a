/* demo: a short tour of every device: RTC, seed, timer with WFI, UART echo. */
#include "rt.h"

#define RTC_READS	3
#define SEEDS		4
#define TICKS		2
#define PERIOD		(RT_MTIME_HZ / 20)	/* 50 ms of mtime */
#define LINE_MAX	256

static volatile uint32_t ticks;

static void
on_tick(uint64_t now)
{
	(void)now;
	if (++ticks < TICKS)
		timer_arm(mtime() + PERIOD, on_tick);
}

int
main(void)
{
	char line[LINE_MAX];
	uint64_t t, prev = 0;
	uint32_t lines = 0, back = 0, bad_seed = 0, tries;
	int i, n;

	puts("demo: hello from an rr guest");

	puts("demo: RTC (host time: recorded, replayed)");
	for (i = 0; i < RTC_READS; i++) {
		t = rtc_ns();
		back += t < prev;
		prev = t;
		printf("~ demo: rtc %llu ns = ", t);
		print_utc(t);
		putchar('\n');
	}

	puts("demo: entropy (seed CSR: recorded, replayed)");
	for (i = 0; i < SEEDS; i++) {
		n = (int)entropy16(&tries);
		bad_seed += tries > 1000;
		printf("~ demo: seed 0x%04x\n", n);
	}

	printf("demo: %d timer ticks %lu mtime units apart, WFI between\n",
	    TICKS, (uint32_t)PERIOD);
	t = mtime();
	timer_arm(t + PERIOD, on_tick);
	irq_off();
	while (ticks < TICKS)
		sleep_irq();
	irq_on();
	printf("demo: %lu ticks\n", ticks);
	printf("~ demo: %llu mtime units for the ticks\n", mtime() - t);

	puts("demo: echo; type lines, \"quit\" or ^D ends");
	for (;;) {
		putstr("> ");
		if ((n = uart_getline(line, sizeof(line), 1)) < 0)
			break;
		if (strcmp(line, "quit") == 0)
			break;
		lines++;
		printf("echo: %s\n", line);
	}

	printf("demo: %lu lines echoed, RTC monotonic: %s, seed: %s, "
	    "ticks: %s\n", lines, back == 0 ? "ok" : "FAIL",
	    bad_seed == 0 ? "ok" : "FAIL", ticks == TICKS ? "ok" : "FAIL");
	return back != 0 || bad_seed != 0 || ticks != TICKS;
}
