/*
 * gdbbench: the cost of going backwards in a replay under rremu --gdb,
 * through the debugger engine (emu/debug.c) without a socket: a reverse
 * stepi (goto icount - 1) and monitor goto to random points.
 * usage: gdbbench trace.rr      prints one line per measurement
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../emu/machine.h"
#include "../../emu/gate.h"
#include "../../emu/debug.h"
#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"

#define POINTS	16
#define GOTOS	32

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "gdbbench: %s: %s\n", what, why);
	exit(2);
}

/* xorshift: the same points every run. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

int
main(int argc, char **argv)
{
	static struct machine m;
	struct rr_reader *r;
	const struct rr_header *lh;
	struct rr_error e;
	struct rr_event ev;
	struct rr_snap *s;
	struct gate_config gc;
	struct debug_config dc;
	struct debug *d;
	uint64_t nev, last, p, seed = 0x5eed, interval;
	size_t nsnaps, bytes;
	double t, sum, max, fwd;
	char err[256];
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: gdbbench trace.rr\n");
		return 2;
	}
	if (rr_reader_open(&r, argv[1], &e) != RR_OK)
		die(argv[1], e.msg);
	lh = rr_reader_header(r);
	if (machine_init(&m, (uint32_t)lh->ram_size, lh->clock_shift) != 0)
		die(argv[1], m.err.msg);
	if (rr_reader_next(r, &ev) != RR_OK || ev.kind != RR_EV_KEYFRAME ||
	    rr_snap_decode(&s, ev.data, ev.len, &e) != RR_OK)
		die(argv[1], "no keyframe");
	if (machine_load(&m, s, err, sizeof(err)) != 0)
		die(argv[1], err);
	if (rr_reader_extent(r, &nev, &last) != RR_OK)
		die(argv[1], rr_reader_error(r)->msg);
	memset(&gc, 0, sizeof(gc));
	gc.mode = GATE_REPLAY;
	gc.in_fd = gc.out_fd = -1;
	gc.r = r;
	gc.hdr = lh;
	gc.resume = s;
	if (gate_attach(&m, &gc) != 0)
		die(argv[1], m.err.msg);
	rr_snap_free(s);
	gc.resume = NULL;
	memset(&dc, 0, sizeof(dc));
	dc.addr = "-";
	dc.gc = gc;
	dc.end = last;
	if (getenv("RREMU_SNAP_INTERVAL") != NULL)
		dc.interval = strtoull(getenv("RREMU_SNAP_INTERVAL"), NULL, 0);
	if ((d = debug_new(&m, &dc, err, sizeof(err))) == NULL)
		die("debug", err);

	/* The first pass forwards takes the snapshots. */
	t = now();
	if (debug_goto(d, last - 1, err, sizeof(err)) != 0)
		die("goto", err);
	fwd = now() - t;
	debug_snap_stats(d, &nsnaps, &bytes, &interval);
	printf("forward to icount %llu: %.3f s (%.1f MIPS), %zu snapshots, "
	    "%.1f MiB, one every %llu instructions\n",
	    (unsigned long long)(last - 1), fwd, (double)last / fwd / 1e6,
	    nsnaps, (double)bytes / 1048576, (unsigned long long)interval);

	/* reverse-stepi: from POINTS places spread over the replay. */
	sum = max = 0;
	for (i = 0; i < POINTS; i++) {
		p = 1 + rnd(&seed) % (last - 1);
		if (debug_goto(d, p, err, sizeof(err)) != 0)
			die("goto", err);
		t = now();
		if (debug_goto(d, p - 1, err, sizeof(err)) != 0)
			die("goto", err);
		t = now() - t;
		sum += t;
		if (t > max)
			max = t;
	}
	printf("reverse-stepi     mean %8.3f ms  max %8.3f ms  (%d points)\n",
	    sum / POINTS * 1e3, max * 1e3, POINTS);

	/* monitor goto: random targets, either way. */
	sum = max = 0;
	for (i = 0; i < GOTOS; i++) {
		p = rnd(&seed) % last;
		t = now();
		if (debug_goto(d, p, err, sizeof(err)) != 0)
			die("goto", err);
		t = now() - t;
		sum += t;
		if (t > max)
			max = t;
	}
	printf("monitor goto      mean %8.3f ms  max %8.3f ms  (%d random "
	    "targets)\n", sum / GOTOS * 1e3, max * 1e3, GOTOS);
	debug_free(d);
	gate_detach(&m);
	machine_free(&m);
	rr_reader_close(r);
	return 0;
}
