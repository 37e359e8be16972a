/*
 * The guest side of the differential test (tests/cpudiff/README): run
 * every generated stream and print what it left, the same text on
 * rremu and on QEMU when both machines agree.
 */
#include "rt.h"

typedef void	 stream_fn(void);

extern stream_fn *const streams[];
extern const uint32_t nstreams;
extern uint32_t	 trap_log[], trap_log_end[], dump[32];

void		 stream_run(stream_fn *fn, uint8_t *data);

/* The data area a stream reads and writes, with a margin past its end. */
static uint8_t	 data[4096 + 16] __attribute__((aligned(16)));

int
main(void)
{
	uint32_t s, i, x, h, *t;

	for (s = 0; s < nstreams; s++) {
		/* The same contents before every stream. */
		x = 0x12345678u + s;
		for (i = 0; i < sizeof(data); i++) {
			x = x * 1103515245u + 12345u;
			data[i] = (uint8_t)(x >> 16);
		}
		stream_run(streams[s], data);
		printf("stream %lu\n", s);
		for (t = trap_log; t < (uint32_t *)dump[3]; t += 3)
			printf("trap %lu %08lx %08lx\n", t[0], t[1], t[2]);
		for (i = 1; i < 32; i++)
			if (i != 2 && i != 4 && i != 8)
				printf("x%lu %08lx\n", i, dump[i]);
		/* FNV-1a over the data area. */
		h = 2166136261u;
		for (i = 0; i < sizeof(data); i++)
			h = (h ^ data[i]) * 16777619u;
		printf("data %08lx\n", h);
	}
	(void)trap_log_end;
	return 0;
}
