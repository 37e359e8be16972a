/*
 * Unit tests: the debugger engine (emu/debug.c).  Every state reached by
 * going backwards (restoring an in-memory snapshot and replaying) must
 * equal the state a plain replay has at that icount.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../emu/machine.h"
#include "../../emu/gate.h"
#include "../../emu/gdb.h"
#include "../../emu/debug.h"
#include "../../emu/replay.h"
#include "../../emu/rvc.h"
#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"
#include "../../cmd/text.h"
#include "unit.h"

/* Record a guest with rremu (options opts) into log, named name. */
static void
record_guest(char *log, size_t size, const char *name, const char *guest,
    const char *opts)
{
	char cmd[2048];

	snprintf(log, size, "%s/%s", unit_tmpdir(), name);
	snprintf(cmd, sizeof(cmd), "%s/rremu record -q %s -o %s "
	    "%s/guests/%s.elf < /dev/null", unit_builddir(), opts, log,
	    unit_builddir(), guest);
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
}

/* The same with the default options; the log's path. */
static const char *
record_demo(void)
{
	static char log[512];

	record_guest(log, sizeof(log), "demo.rr", "gdbdemo", "");
	return log;
}

/* A replay of log (session p, machine m), before its first instruction. */
static void
start_replay(struct machine *m, struct replay *p, const char *log)
{
	struct emu_error e;

	ck_assert_msg(replay_open(p, m, log, log, -1, &e) == 0 &&
	    replay_start(p, NULL, 0, &e) == 0, "%s", e.msg);
}

/*
 * A replay of log stopped before its first instruction, and *dc filled
 * for the engine over it (the log named for keyframes and monitor when
 * named); the log's last icount.
 */
static uint64_t
boot_engine(struct machine *m, struct replay *r, const char *log,
    int named, struct debug_config *dc)
{
	uint64_t nev, last;

	start_replay(m, r, log);
	ck_assert_int_eq(rr_reader_extent(r->r, &nev, &last), RR_OK);
	memset(dc, 0, sizeof(*dc));
	dc->addr = "unused";
	dc->log = named ? log : NULL;
	dc->gc = r->gc;
	dc->end = last;
	return last;
}

/*
 * The reference: one plain replay of log forwards, stopping at each of
 * the n icounts in at (ascending); want[i] the state hash at at[i].
 */
static void
forward_hashes(const char *log, const uint64_t *at, size_t n, uint64_t *want)
{
	struct machine ref;
	struct replay r;
	size_t i;

	start_replay(&ref, &r, log);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(machine_run(&ref, at[i]), STOP_LIMIT);
		want[i] = machine_hash(&ref, NULL, NULL);
	}
	replay_close(&r);
}

#define NPOINTS	14

START_TEST(goto_states_agree)
{
	static const uint64_t points[NPOINTS] = {
		0, 1, 17, 499, 500, 501, 999, 1000, 3000, 4204, 4205, 4206,
		6000, 6200
	};
	static const int order[] = {
		13, 0, 12, 3, 5, 4, 11, 10, 9, 1, 8, 2, 7, 6, 13, 12, 0
	};
	struct machine m;
	struct replay r2;
	struct debug_config dc;
	struct debug *d;
	uint64_t want[NPOINTS], last, interval;
	size_t i, nsnaps, bytes;
	char err[256];
	const char *log = record_demo();

	forward_hashes(log, points, NPOINTS, want);

	last = boot_engine(&m, &r2, log, 1, &dc);
	dc.interval = 500;
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		ck_assert_msg(debug_goto(d, points[order[i]], err,
		    sizeof(err)) == 0, "goto %llu: %s",
		    (unsigned long long)points[order[i]], err);
		ck_assert_uint_eq(m.icount, points[order[i]]);
		ck_assert_msg(machine_hash(&m, NULL, NULL) == want[order[i]],
		    "icount %llu (step %zu): state differs from the forward "
		    "replay's", (unsigned long long)points[order[i]], i);
	}
	debug_snap_stats(d, &nsnaps, &bytes, &interval);
	/* One every 500 instructions up to 6200. */
	ck_assert_uint_eq(nsnaps, 13);
	ck_assert_uint_eq(interval, 500);
	ck_assert_uint_gt(bytes, 0);
	/* Past the end: the end. */
	ck_assert_int_eq(debug_goto(d, last + 1000, err, sizeof(err)), 0);
	ck_assert(m.icount == last || m.exited);
	debug_free(d);
	replay_close(&r2);
}
END_TEST

/* Over the most snapshots, every other goes: memory stays bound. */
START_TEST(snapshots_bounded)
{
	struct machine m;
	struct replay r;
	struct debug_config dc;
	struct debug *d;
	uint64_t interval, h;
	size_t nsnaps, bytes;
	char err[256];
	const char *log = record_demo();

	(void)boot_engine(&m, &r, log, 0, &dc);
	dc.interval = 100;	/* 62 snapshots to 6200: over 16 */
	dc.max_snaps = 16;
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	ck_assert_int_eq(debug_goto(d, 6000, err, sizeof(err)), 0);
	h = machine_hash(&m, NULL, NULL);
	debug_snap_stats(d, &nsnaps, &bytes, &interval);
	ck_assert_uint_le(nsnaps, 16);
	ck_assert_uint_gt(nsnaps, 8);
	ck_assert_uint_eq(interval, 400);
	ck_assert_int_eq(debug_goto(d, 10, err, sizeof(err)), 0);
	ck_assert_int_eq(debug_goto(d, 6000, err, sizeof(err)), 0);
	ck_assert_uint_eq(machine_hash(&m, NULL, NULL), h);
	debug_free(d);
	replay_close(&r);
}
END_TEST

/*
 * The hart's hooks (cpu.h) against stepping: a run with breakpoints
 * armed stops at exactly the icounts where stepping finds pc at one,
 * and a run with a write watch on a range stops (as a candidate) at
 * every instruction that changed it; a snapshot load (which flushes
 * the decode cache) on the way must not lose a mark.
 */
#define HOOK_NBP	4
#define HOOK_MAX	8192

START_TEST(hooks_agree_with_stepping)
{
	static const uint64_t at[HOOK_NBP] = { 50, 1000, 3000, 4205 };
	struct machine m;
	struct replay r;
	struct cpu_watch w;
	struct rr_snap *s;
	static uint64_t want[HOOK_MAX], wrote[HOOK_MAX];
	uint64_t nev, last, ic;
	uint32_t bp[HOOK_NBP], sp = 0;
	static uint8_t before[256];
	size_t nwant = 0, nwrote = 0, i, j, ncand = 0;
	char err[256];
	int rc, k;
	const char *log = record_demo();

	/* Stepping: where pc is at a breakpoint, what changed the range. */
	start_replay(&m, &r, log);
	ck_assert_int_eq(rr_reader_extent(r.r, &nev, &last), RR_OK);
	ck_assert_uint_lt(last, HOOK_MAX);
	for (ic = 0, k = 0; ic < last; ic++) {
		ck_assert_int_eq(machine_run(&m, ic), STOP_LIMIT);
		if (k < HOOK_NBP && ic == at[k])
			bp[k++] = m.cpu.pc;
		if (ic == 3000)
			sp = m.cpu.x[2];
	}
	replay_close(&r);
	w.addr = (sp - 128) & ~3u;
	w.len = sizeof(before);
	w.acc = CPU_WATCH_WRITE;

	start_replay(&m, &r, log);
	for (ic = 1; ic < last; ic++) {
		memcpy(before, m.ram + (w.addr - m.ram_base), w.len);
		ck_assert_int_eq(machine_run(&m, ic), STOP_LIMIT);
		if (memcmp(before, m.ram + (w.addr - m.ram_base), w.len) != 0)
			wrote[nwrote++] = ic - 1;
		for (k = 0; k < HOOK_NBP; k++)
			if (m.cpu.pc == bp[k]) {
				want[nwant++] = ic;
				break;
			}
	}
	replay_close(&r);
	ck_assert_uint_gt(nwant, HOOK_NBP);
	ck_assert_uint_gt(nwrote, 0);

	/* Breakpoints: the same icounts, through a snapshot load. */
	start_replay(&m, &r, log);
	ck_assert_int_eq(cpu_debug_arm(&m, bp, HOOK_NBP, NULL, 0), 0);
	m.dbg_pass = 0;
	for (i = 0;;) {
		rc = machine_run(&m, last);
		if (rc != STOP_DEBUG)
			break;
		ck_assert_uint_lt(i, nwant);
		ck_assert_msg(m.icount == want[i], "breakpoint stop %zu at "
		    "icount %llu, stepping found %llu", i,
		    (unsigned long long)m.icount, (unsigned long long)want[i]);
		i++;
		if (i == nwant / 2) {
			ck_assert_int_eq(machine_save(&m, NULL, &s), 0);
			ck_assert_msg(machine_load(&m, s, err, sizeof(err)) == 0,
			    "%s", err);
			rr_snap_free(s);
		}
		m.dbg_pass = m.icount;
	}
	ck_assert(rc == STOP_LIMIT || rc == STOP_EXIT);
	ck_assert_uint_eq(i, nwant);
	replay_close(&r);

	/* The watch: every write is a candidate, and few else are. */
	start_replay(&m, &r, log);
	ck_assert_int_eq(cpu_debug_arm(&m, NULL, 0, &w, 1), 0);
	m.dbg_pass = UINT64_MAX;
	for (j = 0;;) {
		rc = machine_run(&m, last);
		if (rc != STOP_DEBUG)
			break;
		ncand++;
		ck_assert_msg(j == nwrote || m.icount <= wrote[j], "icount "
		    "%llu wrote the range, no candidate stopped there",
		    (unsigned long long)wrote[j]);
		if (j < nwrote && m.icount == wrote[j])
			j++;
		m.dbg_pass = m.icount;
	}
	ck_assert(rc == STOP_LIMIT || rc == STOP_EXIT);
	ck_assert_msg(j == nwrote, "icount %llu wrote the range, no candidate "
	    "stopped there", (unsigned long long)wrote[j < nwrote ? j : 0]);
	ck_assert_uint_lt(ncand, last / 4);
	replay_close(&r);
}
END_TEST

/*
 * The property: at random instruction counts, visited in random order,
 * and one before each, the state reached by debug_goto (backwards or
 * forwards) hashes equal
 * to the state a plain forward replay had there.  The seed is printed;
 * RR_TEST_SEED repeats a run.
 */
#define NRANDOM	40

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

START_TEST(random_goto_states_agree)
{
	struct machine ref, m;
	struct replay r1, r2;
	struct debug_config dc;
	struct debug *d;
	uint64_t pts[NRANDOM], sorted[NRANDOM], want[NRANDOM], nev, last;
	unsigned long seed;
	const char *env = getenv("RR_TEST_SEED");
	char err[256];
	size_t i, k;
	const char *log = record_demo();

	seed = env != NULL ? strtoul(env, NULL, 0) : (unsigned long)time(NULL);
	printf("random_goto_states_agree: RR_TEST_SEED=%lu\n", seed);
	fflush(stdout);
	srand((unsigned)seed);
	start_replay(&ref, &r1, log);
	ck_assert_int_eq(rr_reader_extent(r1.r, &nev, &last), RR_OK);
	/* Each point, then one back from it: a reverse-stepi. */
	for (i = 0; i < NRANDOM; i += 2) {
		pts[i] = 1 + (uint64_t)rand() % last;
		pts[i + 1] = pts[i] - 1;
	}
	memcpy(sorted, pts, sizeof(pts));
	qsort(sorted, NRANDOM, sizeof(sorted[0]), cmp_u64);
	for (i = 0; i < NRANDOM; i++) {
		ck_assert_int_eq(machine_run(&ref, sorted[i]), STOP_LIMIT);
		want[i] = machine_hash(&ref, NULL, NULL);
	}
	replay_close(&r1);

	start_replay(&m, &r2, log);
	memset(&dc, 0, sizeof(dc));
	dc.addr = "unused";
	dc.log = log;
	dc.gc = r2.gc;
	dc.end = last;
	dc.interval = 256;
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	/* Forwards to the end first, so every snapshot exists. */
	ck_assert_int_eq(debug_goto(d, last, err, sizeof(err)), 0);
	for (i = 0; i < NRANDOM; i++) {
		ck_assert_msg(debug_goto(d, pts[i], err, sizeof(err)) == 0,
		    "seed %lu: goto %llu: %s", seed,
		    (unsigned long long)pts[i], err);
		for (k = 0; sorted[k] != pts[i]; k++)
			;
		ck_assert_msg(m.icount == pts[i] && machine_hash(&m, NULL,
		    NULL) == want[k], "seed %lu: icount %llu: the state "
		    "reached backwards differs from the forward replay's",
		    seed, (unsigned long long)pts[i]);
	}
	debug_free(d);
	replay_close(&r2);
}
END_TEST

/*
 * A goto from far away takes local snapshots over the last
 * DEBUG_LOCAL_MAX intervals before its target, even when the anchors
 * are thinned to intervals longer than that window: the step back
 * after it replays from at most one interval back.  (The window was
 * once jumped over in one slice, and every step back replayed from the
 * anchor.)
 */
START_TEST(local_window_after_far_goto)
{
	struct machine m;
	struct replay r;
	struct debug_config dc;
	struct debug *d;
	uint64_t interval;
	size_t nsnaps, bytes;
	char err[256];
	const char *log = record_demo();

	(void)boot_engine(&m, &r, log, 0, &dc);
	dc.interval = 10;	/* a window of 1280 instructions */
	dc.max_snaps = 4;
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	ck_assert_int_eq(debug_goto(d, 6100, err, sizeof(err)), 0);
	ck_assert_int_eq(debug_goto(d, 0, err, sizeof(err)), 0);
	debug_snap_stats(d, &nsnaps, &bytes, &interval);
	ck_assert_uint_ge(interval, 2000);
	ck_assert_int_eq(debug_goto(d, 5000, err, sizeof(err)), 0);
	ck_assert_int_eq(debug_goto(d, 4999, err, sizeof(err)), 0);
	ck_assert_uint_eq(m.icount, 4999);
	ck_assert_uint_ge(debug_replayed_from(d), 4990);
	debug_free(d);
	replay_close(&r);
}
END_TEST

/*
 * The log's keyframes as restore points: a recording with one every
 * 1000 instructions, an engine with no snapshot but the first (interval
 * past the end) and keyframes worth loading at any distance.  Every
 * state reached must equal the forward replay's, backwards and forwards,
 * and keyframes must have been loaded.
 */
/*
 * Go to each of points (np, in this order) in log with an engine that
 * has no snapshot but the first and finds every keyframe worth loading;
 * each state must be the forward replay's, and at least minloads
 * keyframes loaded.
 */
static void
keyed_states(const char *log, const uint64_t *points, size_t np,
    uint64_t minloads)
{
	struct machine m;
	struct replay r;
	struct debug_config dc;
	struct debug *d;
	uint64_t sorted[16], want[16];
	char err[256];
	size_t i, k;

	ck_assert_uint_le(np, 16);
	memcpy(sorted, points, np * sizeof(points[0]));
	qsort(sorted, np, sizeof(sorted[0]), cmp_u64);
	forward_hashes(log, sorted, np, want);
	ck_assert_uint_ge(boot_engine(&m, &r, log, 1, &dc), sorted[np - 1]);
	dc.interval = (uint64_t)1 << 40;
	dc.key_cost = 1;
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	for (i = 0; i < np; i++) {
		ck_assert_msg(debug_goto(d, points[i], err, sizeof(err)) == 0,
		    "%s: goto %llu: %s", log, (unsigned long long)points[i],
		    err);
		for (k = 0; sorted[k] != points[i]; k++)
			;
		ck_assert_msg(m.icount == points[i] && machine_hash(&m, NULL,
		    NULL) == want[k], "%s: icount %llu (step %zu): the state "
		    "reached differs from the forward replay's", log,
		    (unsigned long long)points[i], i);
	}
	ck_assert_uint_ge(debug_key_loads(d), minloads);
	debug_free(d);
	replay_close(&r);
}

START_TEST(keyframe_goto_states_agree)
{
	static const uint64_t points[] = {
		5999, 5998, 1000, 999, 1001, 4000, 3999, 2500, 6100, 1, 0,
		3001, 2999, 5000
	};
	/*
	 * In a cut, the log's event numbers are not the recording's:
	 * rtcbench, whose clock reads go wrong at once if a keyframe
	 * resumes at the wrong event.
	 */
	static const uint64_t incut[] = {
		2500000, 2499999, 1200001, 1000000, 2999999, 1400000, 1399999
	};
	/*
	 * memwalk rewrites a buffer all the time: from a keyframe loaded
	 * with nothing run after it, back to the first snapshot, every
	 * page the buffer holds must be put back, clean or not.
	 */
	static const uint64_t inwalk[] = { 3000000, 1000, 2999999, 5 };
	char log[512], cut[512], cmd[2048], in[512];
	FILE *f;

	snprintf(in, sizeof(in), "%s/memwalk.in", unit_tmpdir());
	ck_assert_ptr_nonnull(f = fopen(in, "w"));
	fputs("1 4\n", f);
	ck_assert_int_eq(fclose(f), 0);
	snprintf(cmd, sizeof(cmd), "-K 1000000 --input %s", in);
	record_guest(log, sizeof(log), "walk.rr", "memwalk", cmd);
	keyed_states(log, inwalk, sizeof(inwalk) / sizeof(inwalk[0]), 2);
	record_guest(log, sizeof(log), "keyed.rr", "gdbdemo", "-K 1000");
	/* 5999, 5998 (from 5000), 1000, 999 (from 0), 1001, 4000, ... */
	keyed_states(log, points, sizeof(points) / sizeof(points[0]), 8);
	record_guest(log, sizeof(log), "rtc.rr", "rtcbench", "-K 200000");
	snprintf(cut, sizeof(cut), "%s/rtccut.rr", unit_tmpdir());
	snprintf(cmd, sizeof(cmd), "%s/rrcut -q -i 1000000- -o %s %s",
	    unit_builddir(), cut, log);
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
	keyed_states(cut, incut, sizeof(incut) / sizeof(incut[0]), 5);
}
END_TEST

/*
 * The first icount at which a store starts at (start) or ends at (end)
 * each byte of RAM from lo, and which bytes any store touches: stores
 * (RV32I, A, and C expanded) found by stepping a replay of log.
 */
#define WATCH_SPAN	256

struct stores {
	uint32_t	 lo;
	uint8_t		 touched[WATCH_SPAN];
	uint64_t	 start[WATCH_SPAN], end[WATCH_SPAN];
};

static void
find_stores(const char *log, struct stores *st, uint64_t *last)
{
	struct machine m;
	struct replay r;
	uint64_t nev, ic;
	uint32_t i, w, a = 0, n, b;
	uint16_t hw;

	memset(st, 0, sizeof(*st));
	start_replay(&m, &r, log);
	ck_assert_int_eq(rr_reader_extent(r.r, &nev, last), RR_OK);
	for (ic = 1; ic < *last; ic++) {
		if (ic == 3000)
			st->lo = (m.cpu.x[2] - 128) & ~3u;
		memcpy(&hw, m.ram + (m.cpu.pc - m.ram_base), 2);
		if (RVC_LEN(hw) == 2)
			w = rvc_expand(hw);
		else
			memcpy(&w, m.ram + (m.cpu.pc - m.ram_base), 4);
		n = 0;
		if ((w & 0x7f) == 0x23) {	/* sb, sh, sw */
			a = m.cpu.x[(w >> 15) & 31] + (uint32_t)((int32_t)(w &
			    0xfe000000u) >> 20 | (int32_t)((w >> 7) & 31));
			n = 1u << ((w >> 12) & 3);
		} else if ((w & 0x7f) == 0x2f) {	/* AMOs */
			a = m.cpu.x[(w >> 15) & 31];
			n = 4;
		}
		for (i = 0; st->lo != 0 && i < n; i++) {
			if (a + i < st->lo || a + i >= st->lo + WATCH_SPAN)
				continue;
			b = a + i - st->lo;
			st->touched[b] = 1;
			if (i == 0 && st->start[b] == 0)
				st->start[b] = ic - 1;
			if (i == n - 1 && st->end[b] == 0)
				st->end[b] = ic - 1;
		}
		ck_assert_int_eq(machine_run(&m, ic), STOP_LIMIT);
	}
	replay_close(&r);
}

/*
 * A write watch on 4 bytes no store touches, just past a store (below
 * its first byte or above its last): a continue from that store (where
 * the engine matches the instruction at pc itself, not the hart's
 * hooks) runs to the end, and a reverse-continue from the end back to
 * the start.  A watch moved one byte onto the store stops both.
 */
START_TEST(watch_edges)
{
	static struct stores st;
	struct machine m;
	struct replay r;
	struct debug_config dc;
	struct debug *d;
	uint64_t last, at[2] = { 0, 0 };
	uint32_t i, wa[2] = { 0, 0 }, wb;
	char err[256];
	int k, side;

	find_stores(record_demo(), &st, &last);
	for (i = 4; i + 4 < WATCH_SPAN; i++) {
		/* Side 0: [i-4, i) below a store from i. */
		if (at[0] == 0 && st.start[i] != 0 && !st.touched[i - 1] &&
		    !st.touched[i - 2] && !st.touched[i - 3] &&
		    !st.touched[i - 4]) {
			at[0] = st.start[i];
			wa[0] = st.lo + i - 4;
		}
		/* Side 1: [i+1, i+5) above a store to i. */
		if (at[1] == 0 && st.end[i] != 0 && !st.touched[i + 1] &&
		    !st.touched[i + 2] && !st.touched[i + 3] &&
		    !st.touched[i + 4]) {
			at[1] = st.end[i];
			wa[1] = st.lo + i + 1;
		}
	}
	ck_assert_uint_ne(at[0], 0);
	ck_assert_uint_ne(at[1], 0);
	for (side = 0; side < 2; side++)
		for (k = 0; k < 2; k++) {
			/* k 1: the watch one byte onto the store. */
			wb = side == 0 ? wa[side] + (uint32_t)k :
			    wa[side] - (uint32_t)k;
			(void)boot_engine(&m, &r, record_demo(), 0, &dc);
			ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err,
			    sizeof(err)));
			ck_assert_int_eq(debug_goto(d, at[side], err,
			    sizeof(err)), 0);
			ck_assert_int_eq(debug_watchpoint(d, GDB_WP_WRITE, wb,
			    4, 1), 0);
			ck_assert_msg(debug_continue(d, err, sizeof(err)) == 0,
			    "%s", err);
			ck_assert_msg((m.icount == at[side]) == k, "a watch on "
			    "0x%08x+4 from the store at icount %llu: at %llu",
			    wb, (unsigned long long)at[side],
			    (unsigned long long)m.icount);
			ck_assert_int_eq(debug_goto(d, last, err, sizeof(err)),
			    0);
			ck_assert_msg(debug_reverse_continue(d, err,
			    sizeof(err)) == 0, "%s", err);
			ck_assert_msg((m.icount > 0) == k, "a watch on "
			    "0x%08x+4, reverse-continue from the end: at %llu",
			    wb, (unsigned long long)m.icount);
			debug_free(d);
			replay_close(&r);
		}
	/* Two watches of one length: the second is set, not taken as set. */
	(void)boot_engine(&m, &r, record_demo(), 0, &dc);
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	ck_assert_int_eq(debug_goto(d, at[0], err, sizeof(err)), 0);
	ck_assert_int_eq(debug_watchpoint(d, GDB_WP_WRITE, wa[0], 4, 1), 0);
	ck_assert_int_eq(debug_watchpoint(d, GDB_WP_WRITE, wa[0] + 1, 4, 1),
	    0);
	ck_assert_msg(debug_continue(d, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(m.icount, at[0]);
	debug_free(d);
	replay_close(&r);
}
END_TEST

/*
 * The engine as gdb's target, at its edges: a memory read gives RAM as
 * it is (a read that copied nothing passed unseen), one past RAM is
 * refused; at the end of a closed recording stopped by -u the machine is
 * before END; where the end is found by reading END (a log whose footer
 * is gone: no end known up front) the stop names END's reason.
 */
START_TEST(target_edges)
{
	const struct gdb_ops *ops = debug_gdb_ops();
	struct emu_hooks hooks = { 0 };
	struct machine m;
	struct replay r;
	struct debug_config dc;
	struct debug *d;
	struct gdb_stop st;
	uint8_t buf[64];
	char err[256], out[4096], log[512];
	uint64_t last;

	record_guest(log, sizeof(log), "stopped.rr", "gdbdemo", "-u 5000");
	last = boot_engine(&m, &r, log, 1, &dc);
	ck_assert_uint_eq(last, 5000);
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	memset(buf, 0xa5, sizeof(buf));
	ck_assert_int_eq(ops->read_mem(d, m.ram_base, buf, sizeof(buf)), 0);
	ck_assert(memcmp(buf, m.ram, sizeof(buf)) == 0);
	ck_assert_int_eq(ops->read_mem(d, m.ram_base + m.ram_size - 4, buf,
	    4), 0);
	ck_assert_int_eq(ops->read_mem(d, m.ram_base + m.ram_size - 3, buf,
	    4), -1);
	memset(&st, 0, sizeof(st));
	ck_assert_int_eq(ops->resume(d, GDB_CONT, &st), 0);
	ck_assert_uint_eq(m.icount, last);
	ck_assert_int_eq(st.kind, GDB_STOP_END);
	ck_assert_msg(strstr(st.text, "the recording ends here, at icount "
	    "5000") != NULL, "%s", st.text);
	/*
	 * END, at this icount, is not taken yet: the machine is before it.
	 * Without the front end's printer, an event is its number, icount
	 * and kind; with it (rremu's), the line rrdump prints.
	 */
	ck_assert_int_eq(ops->monitor(d, "events", out, sizeof(out)), 0);
	ck_assert_msg(strstr(out, "-- icount 5000 is here --\n") != NULL &&
	    strstr(out, " 5000 end\n") > strstr(out, "is here"), "%s", out);
	hooks.event_text = cmd_event_string;
	m.hooks = &hooks;
	ck_assert_int_eq(ops->monitor(d, "events", out, sizeof(out)), 0);
	ck_assert_msg(strstr(out, "-- icount 5000 is here --\n") != NULL &&
	    strstr(out, " 5000 end stopped status=0 \"") >
	    strstr(out, "is here"), "%s", out);
	ck_assert_msg(strstr(out, "0 0 keyframe ") == out, "%s", out);
	m.hooks = NULL;
	debug_free(d);
	replay_close(&r);

	(void)boot_engine(&m, &r, log, 1, &dc);
	dc.end = UINT64_MAX;
	ck_assert_ptr_nonnull(d = debug_new(&m, &dc, err, sizeof(err)));
	memset(&st, 0, sizeof(st));
	ck_assert_int_eq(ops->resume(d, GDB_CONT, &st), 0);
	ck_assert_uint_eq(m.icount, last);
	ck_assert_int_eq(st.kind, GDB_STOP_END);
	ck_assert_msg(strstr(st.text, "the recording ends here (stopped) at "
	    "icount 5000") != NULL, "%s", st.text);
	debug_free(d);
	replay_close(&r);
}
END_TEST

Suite *
suite_debug(void)
{
	Suite *su = suite_create("debug");
	TCase *tc = tcase_create("reverse");

	tcase_add_test(tc, goto_states_agree);
	tcase_add_test(tc, snapshots_bounded);
	tcase_add_test(tc, hooks_agree_with_stepping);
	tcase_add_test(tc, random_goto_states_agree);
	tcase_add_test(tc, keyframe_goto_states_agree);
	tcase_add_test(tc, local_window_after_far_goto);
	tcase_add_test(tc, watch_edges);
	tcase_add_test(tc, target_edges);
	suite_add_tcase(su, tc);
	return su;
}
