/*
 * gdbbench: the cost of going backwards in a replay under rremu --gdb,
 * through the debugger engine (emu/debug.c) without a socket: the first
 * monitor goto from a fresh start, one forward replay to the end, then
 * reverse-stepi (goto icount - 1) from random points, reverse-continue
 * to the hit before a breakpoint hit, monitor goto to random points,
 * and the peak RSS.
 * usage: gdbbench trace.rr [small big]
 *   small, big: addresses (hex) of functions the guest calls about 10^6
 *   and 10^8 instructions apart (memwalk's mark_small and mark_big), for
 *   the reverse-continue measurements.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../../emu/machine.h"
#include "../../emu/gate.h"
#include "../../emu/debug.h"
#include "../../emu/replay.h"
#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"

#define POINTS	20
#define GOTOS	20
#define RCONTS	5

struct bench {
	struct machine	 m;
	struct replay	 p;
	struct debug	*d;
	uint64_t	 last;
};

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

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median and worst of n times, in ms. */
static double
peak_mib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024;
}

static void
report(const char *what, double *t, int n, const char *extra)
{
	qsort(t, (size_t)n, sizeof(t[0]), cmp_dbl);
	printf("%-34s median %9.3f ms  worst %9.3f ms  (%d)%s; peak RSS so "
	    "far %.1f MiB\n", what,
	    (n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2) * 1e3,
	    t[n - 1] * 1e3, n, extra, peak_mib());
}

/* A replay of path stopped before its first instruction, under the engine. */
static void
bench_open(struct bench *b, const char *path)
{
	struct emu_error e;
	struct debug_config dc;
	uint64_t nev;
	char err[256];

	memset(b, 0, sizeof(*b));
	if (replay_open(&b->p, &b->m, path, path, -1, &e) != 0 ||
	    replay_start(&b->p, NULL, 0, &e) != 0)
		die(path, e.msg);
	if (rr_reader_extent(b->p.r, &nev, &b->last) != RR_OK)
		die(path, rr_reader_error(b->p.r)->msg);
	memset(&dc, 0, sizeof(dc));
	dc.addr = "-";
	dc.log = path;
	dc.gc = b->p.gc;
	dc.end = b->last;
	if (getenv("RREMU_SNAP_INTERVAL") != NULL)
		dc.interval = strtoull(getenv("RREMU_SNAP_INTERVAL"), NULL, 0);
	if ((b->d = debug_new(&b->m, &dc, err, sizeof(err))) == NULL)
		die("debug", err);
}

static void
bench_close(struct bench *b)
{
	debug_free(b->d);
	replay_close(&b->p);
}

static void
go(struct bench *b, uint64_t ic)
{
	char err[256];

	if (debug_goto(b->d, ic, err, sizeof(err)) != 0)
		die("goto", err);
}

/*
 * From random points: reverse-continue to the last hit of a breakpoint
 * at addr (untimed), then time the reverse-continue from that hit to
 * the one before it.
 */
static void
rcont(struct bench *b, uint32_t addr, const char *what, uint64_t *seed)
{
	double t[RCONTS], dist = 0;
	uint64_t from;
	char err[256], extra[96];
	int i, n = 0;

	if (debug_breakpoint(b->d, addr, 1) != 0)
		die(what, "cannot set the breakpoint");
	for (i = 0; i < RCONTS; i++) {
		go(b, b->last / 2 + rnd(seed) % (b->last / 2));
		if (debug_reverse_continue(b->d, err, sizeof(err)) != 0)
			die(what, err);
		from = b->m.icount;
		t[n] = now();
		if (debug_reverse_continue(b->d, err, sizeof(err)) != 0)
			die(what, err);
		t[n] = now() - t[n];
		dist += (double)(from - b->m.icount);
		n++;
	}
	(void)debug_breakpoint(b->d, addr, 0);
	snprintf(extra, sizeof(extra), " %.3g instructions back on average",
	    dist / n);
	report(what, t, n, extra);
}

int
main(int argc, char **argv)
{
	static struct bench b;
	uint64_t p, seed = 0x5eed, interval;
	size_t nsnaps, bytes;
	double t[POINTS > GOTOS ? POINTS : GOTOS], fwd;
	char err[256];
	int i;

	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: gdbbench trace.rr [small big]\n");
		return 2;
	}

	/* The first goto from a fresh start: 9/10 of the way, forwards. */
	bench_open(&b, argv[1]);
	p = b.last / 10 * 9;
	fwd = now();
	go(&b, p);
	fwd = now() - fwd;
	printf("first monitor goto %llu from a fresh start: %.3f s; peak RSS "
	    "so far %.1f MiB\n", (unsigned long long)p, fwd, peak_mib());
	bench_close(&b);

	/*
	 * The first pass forwards, as gdb's continue from the start to
	 * the end: every instruction replayed, the snapshots taken.
	 */
	bench_open(&b, argv[1]);
	fwd = now();
	if (debug_continue(b.d, err, sizeof(err)) != 0)
		die("continue", err);
	fwd = now() - fwd;
	debug_snap_stats(b.d, &nsnaps, &bytes, &interval);
	printf("continue to the end, icount %llu: %.3f s (%.1f MIPS), %zu "
	    "snapshots, %.1f MiB, one every %llu instructions; peak RSS so "
	    "far %.1f MiB\n", (unsigned long long)b.m.icount, fwd,
	    (double)b.m.icount / fwd / 1e6,
	    nsnaps, (double)bytes / 1048576, (unsigned long long)interval,
	    peak_mib());

	/* reverse-stepi: from POINTS places spread over the replay. */
	for (i = 0; i < POINTS; i++) {
		p = 1 + rnd(&seed) % (b.last - 1);
		go(&b, p);
		t[i] = now();
		go(&b, p - 1);
		t[i] = now() - t[i];
	}
	report("reverse-stepi", t, POINTS, "");

	if (argc == 4) {
		rcont(&b, (uint32_t)strtoul(argv[2], NULL, 16),
		    "reverse-continue (small breakpoint)", &seed);
		rcont(&b, (uint32_t)strtoul(argv[3], NULL, 16),
		    "reverse-continue (big breakpoint)", &seed);
	}

	/* monitor goto: random targets, either way. */
	for (i = 0; i < GOTOS; i++) {
		p = rnd(&seed) % b.last;
		t[i] = now();
		go(&b, p);
		t[i] = now() - t[i];
	}
	report("monitor goto", t, GOTOS, " random targets");
	debug_snap_stats(b.d, &nsnaps, &bytes, &interval);
	printf("at the end: %zu snapshots, %.1f MiB, one every %llu "
	    "instructions, %llu keyframes loaded from the log; peak RSS "
	    "%.1f MiB\n", nsnaps, (double)bytes / 1048576,
	    (unsigned long long)interval,
	    (unsigned long long)debug_key_loads(b.d),
	    peak_mib());
	bench_close(&b);
	return 0;
}
