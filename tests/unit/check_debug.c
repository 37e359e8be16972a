/*
 * Unit tests: the debugger engine (emu/debug.c).  Every state reached by
 * going backwards (restoring an in-memory snapshot and replaying) must
 * equal the state a plain replay has at that icount.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../emu/machine.h"
#include "../../emu/gate.h"
#include "../../emu/debug.h"
#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

/* Record the gdbdemo guest with rremu; the log's path. */
static const char *
record_demo(void)
{
	static char log[512];
	char cmd[2048];

	snprintf(log, sizeof(log), "%s/demo.rr", unit_tmpdir());
	snprintf(cmd, sizeof(cmd), "%s/rremu record -q -o %s "
	    "%s/guests/gdbdemo.elf < /dev/null", unit_builddir(), log,
	    unit_builddir());
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
	return log;
}

/* A replay of log, stopped before its first instruction. */
static void
replay_boot(struct machine *m, struct rr_reader **r, const char *log,
    struct gate_config *gc)
{
	const struct rr_header *lh;
	struct rr_error e;
	struct rr_event ev;
	struct rr_snap *s;
	char err[256];

	ck_assert_int_eq(rr_reader_open(r, log, &e), RR_OK);
	lh = rr_reader_header(*r);
	ck_assert_int_eq(machine_init(m, (uint32_t)lh->ram_size,
	    lh->clock_shift), 0);
	ck_assert_int_eq(rr_reader_next(*r, &ev), RR_OK);
	ck_assert_int_eq(ev.kind, RR_EV_KEYFRAME);
	ck_assert_int_eq(rr_snap_decode(&s, ev.data, ev.len, &e), RR_OK);
	ck_assert_msg(machine_load(m, s, err, sizeof(err)) == 0, "%s", err);
	memset(gc, 0, sizeof(*gc));
	gc->mode = GATE_REPLAY;
	gc->in_fd = -1;
	gc->out_fd = -1;
	gc->r = *r;
	gc->hdr = lh;
	gc->resume = s;
	ck_assert_msg(gate_attach(m, gc) == 0, "%s", m->err.msg);
	rr_snap_free(s);
	gc->resume = NULL;
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
	struct machine ref, m;
	struct rr_reader *r1, *r2;
	struct gate_config gc1, gc2;
	struct debug_config dc;
	struct debug *d;
	uint64_t want[NPOINTS], nev, last, interval;
	size_t i, nsnaps, bytes;
	char err[256];
	const char *log = record_demo();

	/* The reference: one replay forwards, stopping at each point. */
	replay_boot(&ref, &r1, log, &gc1);
	for (i = 0; i < NPOINTS; i++) {
		ck_assert_int_eq(machine_run(&ref, points[i]), STOP_LIMIT);
		want[i] = machine_hash(&ref, NULL, NULL);
	}
	gate_detach(&ref);
	machine_free(&ref);
	rr_reader_close(r1);

	replay_boot(&m, &r2, log, &gc2);
	ck_assert_int_eq(rr_reader_extent(r2, &nev, &last), RR_OK);
	memset(&dc, 0, sizeof(dc));
	dc.addr = "unused";
	dc.log = log;
	dc.gc = gc2;
	dc.end = last;
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
	gate_detach(&m);
	machine_free(&m);
	rr_reader_close(r2);
}
END_TEST

/* Over the most snapshots, every other goes: memory stays bound. */
START_TEST(snapshots_bounded)
{
	struct machine m;
	struct rr_reader *r;
	struct gate_config gc;
	struct debug_config dc;
	struct debug *d;
	uint64_t nev, last, interval, h;
	size_t nsnaps, bytes;
	char err[256];
	const char *log = record_demo();

	replay_boot(&m, &r, log, &gc);
	ck_assert_int_eq(rr_reader_extent(r, &nev, &last), RR_OK);
	memset(&dc, 0, sizeof(dc));
	dc.addr = "unused";
	dc.gc = gc;
	dc.end = last;
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
	gate_detach(&m);
	machine_free(&m);
	rr_reader_close(r);
}
END_TEST

Suite *
suite_debug(void)
{
	Suite *su = suite_create("debug");
	TCase *tc = tcase_create("reverse");

	tcase_add_test(tc, goto_states_agree);
	tcase_add_test(tc, snapshots_bounded);
	suite_add_tcase(su, tc);
	return su;
}
