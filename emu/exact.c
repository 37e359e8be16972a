/* rrdiff --at and --exact: replays compared state by state (emu/exact.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "replay.h"
#include "exact.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

/* One replay, booted and with its gate attached. */
struct run {
	struct machine	 m;
	struct rr_reader *r;
	struct rr_snap	*resume;
	struct rr_header h;
	uint64_t	 end;
};

/* From the last keyframe at or before target, where the log is closed. */
static int
run_start(struct run *x, const char *log, const char *name, uint64_t target,
    struct emu_replay_report *rep)
{
	struct gate_config gc;
	int rc;

	rc = replay_boot(&x->m, log, name, NULL, &x->r, &x->resume, &x->h,
	    &x->end, &rep->err);
	if (rc != 0) {
		rep->result = REPLAY_TROUBLE;
		return -1;
	}
	if (x->end != UINT64_MAX && target <= x->end &&
	    replay_nearest(&x->m, x->r, &x->resume, target, &rep->err) != 0) {
		rep->result = REPLAY_TROUBLE;
		return -1;
	}
	memset(&gc, 0, sizeof(gc));
	gc.mode = GATE_REPLAY;
	gc.in_fd = gc.out_fd = -1;
	gc.r = x->r;
	gc.hdr = &x->h;
	gc.resume = x->resume;
	if (gate_attach(&x->m, &gc) != 0) {
		rep->err = x->m.err;
		rep->result = REPLAY_TROUBLE;
		return -1;
	}
	return 0;
}

static void
run_free(struct run *x)
{
	gate_detach(&x->m);
	rr_reader_close(x->r);
	rr_snap_free(x->resume);
	machine_free(&x->m);
}

/* Run to exactly icount; 0, or -1 with rep saying why not. */
static int
run_to(struct run *x, uint64_t icount, const char *name,
    struct emu_replay_report *rep)
{
	int rc;

	if (x->m.icount >= icount)
		return 0;
	rc = machine_run(&x->m, icount);
	if (x->m.err.kind != EMU_E_NONE) {
		rep->err = x->m.err;
		rep->result = x->m.err.kind == EMU_E_DIVERGED ?
		    REPLAY_DIVERGED : REPLAY_TROUBLE;
		return -1;
	}
	if (rc != STOP_LIMIT || x->m.icount != icount) {
		memset(&rep->err, 0, sizeof(rep->err));
		rep->err.offset = RR_NO_OFFSET;
		rep->err.event = RR_NO_EVENT;
		snprintf(rep->err.msg, sizeof(rep->err.msg), "the replay of "
		    "%s ends at icount %llu, before %llu", name,
		    (unsigned long long)x->m.icount,
		    (unsigned long long)icount);
		rep->result = REPLAY_UNFINISHED;
		return -1;
	}
	return 0;
}

static int
save(struct run *x, struct rr_snap **out, struct emu_replay_report *rep)
{
	if (machine_save(&x->m, &x->h, out) != 0 ||
	    gate_snap_save(&x->m, *out) != 0) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "cannot save the "
		    "state at icount %llu", (unsigned long long)x->m.icount);
		rep->result = REPLAY_TROUBLE;
		return -1;
	}
	return 0;
}

int
exact_state_at(const char *log, const char *logname, uint64_t icount,
    struct rr_snap **out, struct emu_replay_report *rep)
{
	struct run *x;

	*out = NULL;
	memset(rep, 0, sizeof(*rep));
	rep->result = REPLAY_TROUBLE;
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "out of memory");
		return rep->result;
	}
	if (run_start(x, log, logname, icount, rep) == 0 &&
	    run_to(x, icount, logname, rep) == 0 && save(x, out, rep) == 0)
		rep->result = REPLAY_MATCHED;
	rep->icount = x->m.icount;
	run_free(x);
	free(x);
	return rep->result;
}

int
exact_diff(const char *a, const char *b, const char *aname,
    const char *bname, uint64_t from, uint64_t to, struct exact_result *x,
    struct emu_replay_report *rep)
{
	struct run *r[2];
	const char *name[2] = { aname, bname };
	const char *path[2] = { a, b };
	uint64_t next;
	uint32_t pc;
	int i;

	memset(x, 0, sizeof(*x));
	memset(rep, 0, sizeof(*rep));
	rep->result = REPLAY_TROUBLE;
	r[0] = calloc(1, sizeof(struct run));
	r[1] = calloc(1, sizeof(struct run));
	if (r[0] == NULL || r[1] == NULL) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "out of memory");
		goto out;
	}
	for (i = 0; i < 2; i++)
		if (run_start(r[i], path[i], name[i], from, rep) != 0 ||
		    run_to(r[i], from, name[i], rep) != 0) {
			rep->blame = i + 1;
			goto out;
		}
	rep->result = REPLAY_MATCHED;
	/* Lock step: after each instruction, do the states still agree? */
	while (r[0]->m.icount < to) {
		pc = r[0]->m.cpu.pc;
		next = r[0]->m.icount + 1;
		for (i = 0; i < 2; i++)
			if (run_to(r[i], next, name[i], rep) != 0) {
				/* A run that ends is not a difference. */
				rep->blame = i + 1;
				if (rep->result == REPLAY_UNFINISHED)
					rep->result = REPLAY_MATCHED;
				goto out;
			}
		x->compared++;
		if (machine_hash(&r[0]->m, NULL, NULL) !=
		    machine_hash(&r[1]->m, NULL, NULL)) {
			x->found = 1;
			x->icount = next;
			x->pc = pc;
			if (save(r[0], &x->a, rep) != 0 ||
			    save(r[1], &x->b, rep) != 0)
				goto out;
			break;
		}
	}
out:
	for (i = 0; i < 2; i++)
		if (r[i] != NULL) {
			run_free(r[i]);
			free(r[i]);
		}
	return rep->result;
}
