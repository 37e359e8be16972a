/* rtcbench: exactly 1,000,000 RTC reads, for the RTC record/replay bench. */
#include "rt.h"

#define READS	1000000u

int
main(void)
{
	uint64_t first, prev, t;
	uint32_t i, back = 0;

	printf("rtcbench: reading the RTC %lu times\n", (uint32_t)READS);
	first = prev = rtc_ns();
	/* The first read above is one of the READS. */
	for (i = 1; i < READS; i++) {
		t = rtc_ns();
		back += t < prev;
		prev = t;
	}
	printf("~ rtcbench: first %llu ns, last %llu ns, span %llu ns\n",
	    first, prev, prev - first);
	printf("rtcbench: %lu reads, never went backwards: %s\n",
	    (uint32_t)READS,
	    back == 0 ? "ok" : "FAIL");
	return back != 0;
}
