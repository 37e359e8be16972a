/*
 * logbench: write the fixed synthetic workload of the log benchmark:
 * N host-clock events from a seeded generator, as a guest reading the
 * RTC in a loop makes them (a steady loop stride, a clock that advances
 * some tens of ns a read with jitter, an occasional longer gap).
 * usage: logbench OUT N [SEED]   prints: events bytes seconds
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../lib/rr.h"

static uint64_t state;

/* xorshift64*: a fixed, seeded sequence on every machine. */
static uint64_t
rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Dull;
}

int
main(int argc, char **argv)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct timespec t0, t1;
	uint64_t n, i, ic = 0, ns = 1790000000000000000ull, r;

	if (argc < 3) {
		fprintf(stderr, "usage: logbench out n [seed]\n");
		return 2;
	}
	n = strtoull(argv[2], NULL, 0);
	state = argc > 3 ? strtoull(argv[3], NULL, 0) : 0x5eed;
	if (state == 0)
		state = 1;
	rr_header_init(&h);
	snprintf(h.machine, sizeof(h.machine), "rr-virt32");
	snprintf(h.tool_version, sizeof(h.tool_version), "logbench");
	h.ram_base = 0x80000000u;
	h.ram_size = 128u << 20;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (rr_writer_open(&w, argv[1], &h, NULL, &err) != RR_OK) {
		fprintf(stderr, "logbench: %s\n", err.msg);
		return 2;
	}
	for (i = 0; i < n; i++) {
		r = rnd();
		/* 16 instructions a loop; 1 in 64 reads takes a longer path */
		ic += (r & 63) == 0 ? 16 + (r >> 8) % 200 : 16;
		/* about 40 ns a read, +-3 ns of jitter, rare 1-10 us stalls */
		ns += 37 + (r >> 20) % 7 + ((r >> 32 & 1023) == 0 ?
		    1000 + (r >> 40) % 9000 : 0);
		if (rr_writer_clock(w, ic, ns) != RR_OK) {
			fprintf(stderr, "logbench: %s\n",
			    rr_writer_error(w)->msg);
			return 2;
		}
	}
	r = rr_writer_bytes(w);
	if (rr_writer_close(w, ic, 0, RR_END_EXIT, NULL, &err) != RR_OK) {
		fprintf(stderr, "logbench: %s\n", err.msg);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%llu %llu %.6f\n", (unsigned long long)n,
	    (unsigned long long)r, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
