/*
 * Unit tests: the front door's exact modes and the session's reports
 * (emu/emu.h: exact.c, drive.c).  Which input a failure is about is a
 * typed blame the front end names a file by, so each one is checked.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../../emu/emu.h"
#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

/* A recording of guest hello (rremu record -q opts) at the path made. */
static const char *
record_hello(const char *name, const char *opts)
{
	static char log[512];
	char cmd[2048];

	snprintf(log, sizeof(log), "%s/%s", unit_tmpdir(), name);
	snprintf(cmd, sizeof(cmd), "%s/rremu record -q %s -o %s "
	    "%s/guests/hello.elf < /dev/null", unit_builddir(), opts, log,
	    unit_builddir());
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
	return log;
}

/*
 * --exact names the log that failed: the first (EMU_BLAME_LOG) or the
 * second (EMU_BLAME_LOG_B), whichever it is.
 */
START_TEST(exact_blames_the_log)
{
	struct emu_exact x;
	struct emu_report rep;
	const char *good = record_hello("good.rr", "");
	char missing[600];
	int rc;

	snprintf(missing, sizeof(missing), "%s/missing.rr", unit_tmpdir());
	memset(&x, 0, sizeof(x));
	rc = emu_exact_diff(good, missing, "good", "missing", 0, 1000, NULL,
	    &x, &rep);
	ck_assert_int_eq(rc, EMU_TROUBLE);
	ck_assert_int_eq(rep.blame, EMU_BLAME_LOG_B);
	rc = emu_exact_diff(missing, good, "missing", "good", 0, 1000, NULL,
	    &x, &rep);
	ck_assert_int_eq(rc, EMU_TROUBLE);
	ck_assert_int_eq(rep.blame, EMU_BLAME_LOG);
	/* Two of the same: no difference, every instruction compared. */
	rc = emu_exact_diff(good, good, "a", "b", 0, 1000, NULL, &x, &rep);
	ck_assert_int_eq(rc, EMU_MATCHED);
	ck_assert_int_eq(x.found, 0);
	ck_assert_uint_eq(x.compared, 1000);
	rr_snap_free(x.a);
	rr_snap_free(x.b);
}
END_TEST

/* What a progress callback was told. */
struct told {
	unsigned	 calls;
	uint64_t	 last, total;
	int		 backwards;
};

static void
told(void *arg, uint64_t done, uint64_t total)
{
	struct told *t = arg;

	t->backwards |= done < t->last;
	t->calls++;
	t->last = done;
	t->total = total;
}

/*
 * A replay with a progress callback is told every EMU_PROGRESS_STEP
 * instructions how far it is of the recording's end, and comes out as
 * it does without one; so does the state at an icount.
 */
START_TEST(replay_tells_progress)
{
	struct emu_report rep, plain;
	struct emu_progress pg;
	struct rr_snap *s;
	struct told t;
	char log[600], cmd[2048];
	uint64_t end = 3 * EMU_PROGRESS_STEP + 12345;

	snprintf(log, sizeof(log), "%s/long.rr", unit_tmpdir());
	snprintf(cmd, sizeof(cmd), "%s/rremu record -q -K 0 -N %llu -o %s "
	    "%s/guests/compute.elf > /dev/null 2>&1", unit_builddir(),
	    (unsigned long long)end, log, unit_builddir());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 124);
	memset(&t, 0, sizeof(t));
	pg.fn = told;
	pg.arg = &t;
	/* The recording stops at its limit: matched so far. */
	ck_assert_int_eq(emu_verify_replay(log, "long", NULL, &plain),
	    EMU_UNFINISHED);
	ck_assert_int_eq(emu_verify_replay(log, "long", &pg, &rep),
	    EMU_UNFINISHED);
	ck_assert_uint_eq(rep.icount, plain.icount);
	ck_assert_uint_eq(rep.events, plain.events);
	ck_assert_uint_eq(t.calls, 3);
	ck_assert_uint_eq(t.last, 3 * EMU_PROGRESS_STEP);
	ck_assert_uint_eq(t.total, end);
	ck_assert_int_eq(t.backwards, 0);
	/* To an icount: told of that icount, not the end. */
	memset(&t, 0, sizeof(t));
	ck_assert_int_eq(emu_state_at(log, "long", 2 * EMU_PROGRESS_STEP + 1,
	    &s, &pg, &rep), EMU_MATCHED);
	rr_snap_free(s);
	ck_assert_uint_eq(t.calls, 2);
	ck_assert_uint_eq(t.total, 2 * EMU_PROGRESS_STEP + 1);
}
END_TEST

/*
 * --exact's progress is one figure for the whole: the lock step's
 * instructions weigh EMU_LOCKSTEP_COST each, told every
 * EMU_PROGRESS_STEP of that weight, of the steps to the end.
 */
START_TEST(exact_tells_progress)
{
	struct emu_exact x;
	struct emu_report rep;
	struct emu_progress pg;
	struct told t;
	char log[600], cmd[2048];
	uint64_t n = 600000, step = EMU_PROGRESS_STEP / EMU_LOCKSTEP_COST;

	snprintf(log, sizeof(log), "%s/short.rr", unit_tmpdir());
	snprintf(cmd, sizeof(cmd), "%s/rremu record -q -K 0 -N %llu -o %s "
	    "%s/guests/compute.elf > /dev/null 2>&1", unit_builddir(),
	    (unsigned long long)n, log, unit_builddir());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 124);
	memset(&t, 0, sizeof(t));
	pg.fn = told;
	pg.arg = &t;
	ck_assert_int_eq(emu_exact_diff(log, log, "a", "b", 0, UINT64_MAX,
	    &pg, &x, &rep), EMU_MATCHED);
	ck_assert_int_eq(x.found, 0);
	ck_assert_uint_eq(t.calls, n / step);
	ck_assert_uint_eq(t.last, (n / step) * step * EMU_LOCKSTEP_COST);
	ck_assert_uint_eq(t.total, n * EMU_LOCKSTEP_COST);
	ck_assert_int_eq(t.backwards, 0);
}
END_TEST

/*
 * A session that cannot open says which file: the guest ELF, the log
 * replayed, the snapshot to start from; and it can be closed either way.
 */
START_TEST(session_blames_the_file)
{
	struct emu_session *s;
	struct emu_config c;
	struct emu_report rep;
	char missing[600];

	snprintf(missing, sizeof(missing), "%s/missing", unit_tmpdir());
	memset(&c, 0, sizeof(c));
	c.mode = EMU_RUN;
	c.guest = c.guestname = missing;
	c.ram = 1u << 20;
	c.in_fd = c.out_fd = -1;
	ck_assert_int_eq(emu_open(&s, &c, &rep), -1);
	ck_assert_int_eq(rep.blame, EMU_BLAME_GUEST);
	ck_assert_ptr_nonnull(strstr(rep.err.msg, "cannot read: "));
	emu_close(s);

	memset(&c, 0, sizeof(c));
	c.mode = EMU_REPLAY;
	c.log = c.logname = missing;
	c.in_fd = c.out_fd = -1;
	ck_assert_int_eq(emu_open(&s, &c, &rep), -1);
	ck_assert_int_eq(rep.blame, EMU_BLAME_LOG);
	emu_close(s);

	c.log = c.logname = record_hello("s.rr", "");
	c.load = missing;
	ck_assert_int_eq(emu_open(&s, &c, &rep), -1);
	ck_assert_int_eq(rep.blame, EMU_BLAME_SNAPSHOT);
	emu_close(s);
	emu_close(NULL);
}
END_TEST

/*
 * A replay run through the session: a stop at an icount, then on to
 * the guest's exit, with the events checked counted and nothing
 * left to check at the end.
 */
START_TEST(session_runs_a_replay)
{
	struct emu_session *s;
	struct emu_config c;
	struct emu_report rep;

	memset(&c, 0, sizeof(c));
	c.mode = EMU_REPLAY;
	c.log = c.logname = record_hello("r.rr", "--checkpoint-interval 1000");
	c.in_fd = c.out_fd = -1;
	ck_assert_int_eq(emu_open(&s, &c, &rep), 0);
	ck_assert_int_eq(emu_start(s, &rep), 0);
	ck_assert_int_eq(emu_run(s, 2500, &rep), EMU_MATCHED);
	ck_assert_int_eq(rep.stop, EMU_AT);
	ck_assert_uint_eq(rep.icount, 2500);
	ck_assert_uint_eq(rep.agreed, 2000);
	ck_assert_int_eq(emu_run(s, UINT64_MAX, &rep), EMU_MATCHED);
	ck_assert_int_eq(rep.stop, EMU_EXITED);
	ck_assert_int_eq(rep.exit_code, 0);
	emu_finish(s, 0, 0, RR_END_EXIT, "", &rep);
	ck_assert_int_eq(rep.result, EMU_MATCHED);
	ck_assert_int_eq(rep.has_lib, 0);
	ck_assert_int_eq(rep.has_end_error, 0);
	ck_assert_uint_gt(rep.events, 2);
	emu_close(s);
}
END_TEST

Suite *
suite_exact(void)
{
	Suite *su = suite_create("exact");
	TCase *tc = tcase_create("front door");

	tcase_add_test(tc, exact_blames_the_log);
	tcase_add_test(tc, session_blames_the_file);
	tcase_add_test(tc, session_runs_a_replay);
	tcase_add_test(tc, replay_tells_progress);
	tcase_add_test(tc, exact_tells_progress);
	suite_add_tcase(su, tc);
	return su;
}
