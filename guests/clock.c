/* clock: reads the goldfish RTC a few times and checks it never goes back. */
#include "rt.h"

#define READS		8
/* 2020-01-01 00:00:00 UTC: an RTC before this is not the host clock. */
#define NS_2020		1577836800000000000ull

int
main(void)
{
	uint64_t t[READS];
	volatile uint32_t spin;
	int i, back = 0, fail = 0;

	printf("clock: reading the RTC %d times\n", READS);
	for (i = 0; i < READS; i++) {
		t[i] = rtc_ns();
		/* A little work between reads, so time can move. */
		for (spin = 0; spin < 1000; spin++)
			;
	}
	for (i = 0; i < READS; i++) {
		printf("~ rtc[%d] = %llu ns = ", i, t[i]);
		print_utc(t[i]);
		if (i > 0)
			printf(" (+%llu ns)", t[i] - t[i - 1]);
		putchar('\n');
		if (i > 0 && t[i] < t[i - 1])
			back++;
	}
	printf("clock: never went backwards: %s\n", back == 0 ? "ok" : "FAIL");
	fail |= back != 0;
	printf("clock: after 2020: %s\n", t[0] >= NS_2020 ? "ok" : "FAIL");
	fail |= t[0] < NS_2020;
	return fail;
}
