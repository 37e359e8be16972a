/*
 * rrdiff --at and --exact, rrcut --exact: replays compared state by
 * state, and keyframes made anywhere (declared in emu/emu.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "replay.h"
#include "emu.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

/* One replay session and its machine. */
struct run {
	struct machine	 m;
	struct replay	 p;
};

/* From the last keyframe at or before target, where the log is closed. */
static int
run_start(struct run *x, const char *log, const char *name, uint64_t target,
    struct emu_report *rep)
{
	if (replay_open(&x->p, &x->m, log, name, -1, &rep->err) != 0 ||
	    replay_start(&x->p, NULL, target, &rep->err) != 0) {
		rep->result = EMU_TROUBLE;
		return -1;
	}
	return 0;
}

/* Run to exactly icount; 0, or -1 with rep saying why not. */
static int
run_to(struct run *x, uint64_t icount, const char *name,
    struct emu_report *rep)
{
	struct replay_outcome o;

	if (x->m.icount >= icount)
		return 0;
	replay_run(&x->p, icount, &o);
	if (x->m.err.kind != EMU_E_NONE) {
		rep->err = x->m.err;
		rep->result = x->m.err.kind == EMU_E_DIVERGED ?
		    EMU_DIVERGED : EMU_TROUBLE;
		return -1;
	}
	if (o.stop != EMU_AT || x->m.icount != icount) {
		memset(&rep->err, 0, sizeof(rep->err));
		rep->err.offset = RR_NO_OFFSET;
		rep->err.event = RR_NO_EVENT;
		snprintf(rep->err.msg, sizeof(rep->err.msg), "the replay of "
		    "%s ends at icount %llu, before %llu", name,
		    (unsigned long long)x->m.icount,
		    (unsigned long long)icount);
		rep->result = EMU_UNFINISHED;
		return -1;
	}
	return 0;
}

static int
save(struct run *x, struct rr_snap **out, struct emu_report *rep)
{
	if (replay_save(&x->p, out) != 0) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "cannot save the "
		    "state at icount %llu", (unsigned long long)x->m.icount);
		rep->result = EMU_TROUBLE;
		return -1;
	}
	return 0;
}

int
emu_state_at(const char *log, const char *logname, uint64_t icount,
    struct rr_snap **out, const struct emu_progress *pg,
    struct emu_report *rep)
{
	struct run *x;

	*out = NULL;
	memset(rep, 0, sizeof(*rep));
	rep->result = EMU_TROUBLE;
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "out of memory");
		return rep->result;
	}
	if (run_start(x, log, logname, icount, rep) == 0) {
		x->p.pg = pg;
		if (run_to(x, icount, logname, rep) == 0 &&
		    save(x, out, rep) == 0)
			rep->result = EMU_MATCHED;
	}
	rep->icount = x->m.icount;
	replay_close(&x->p);
	free(x);
	return rep->result;
}

/*
 * --exact's progress, one figure for the whole: the replays of a and b
 * to from, then the lock step, each instruction of which weighs
 * EMU_LOCKSTEP_COST.  total 0 where the end is not known.
 */
struct told {
	const struct emu_progress *pg;
	struct emu_progress	 hook;	/* a replay's callback: told_replay */
	uint64_t		 base;	/* work done before this replay */
	uint64_t		 start;	/* the icount this replay starts at */
	uint64_t		 total;
};

static void
told_replay(void *arg, uint64_t icount, uint64_t to)
{
	struct told *t = arg;

	(void)to;
	t->pg->fn(t->pg->arg, t->total == 0 ? icount : t->base + icount -
	    t->start, t->total);
}

/* Where the lock step ends at the latest: to, or either log's end. */
static uint64_t
lock_end(struct run *const r[2], uint64_t to)
{
	int i;

	for (i = 0; i < 2; i++)
		if (r[i]->p.end < to)
			to = r[i]->p.end;
	return to;
}

int
emu_exact_diff(const char *a, const char *b, const char *aname,
    const char *bname, uint64_t from, uint64_t to,
    const struct emu_progress *pg, struct emu_exact *x,
    struct emu_report *rep)
{
	struct run *r[2];
	struct told t;
	const char *name[2] = { aname, bname };
	const char *path[2] = { a, b };
	uint64_t next, last, start[2];
	uint32_t pc;
	int i;

	memset(x, 0, sizeof(*x));
	memset(rep, 0, sizeof(*rep));
	memset(&t, 0, sizeof(t));
	rep->result = EMU_TROUBLE;
	r[0] = calloc(1, sizeof(struct run));
	r[1] = calloc(1, sizeof(struct run));
	if (r[0] == NULL || r[1] == NULL) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "out of memory");
		goto out;
	}
	for (i = 0; i < 2; i++) {
		if (run_start(r[i], path[i], name[i], from, rep) != 0) {
			rep->blame = i == 0 ? EMU_BLAME_LOG :
			    EMU_BLAME_LOG_B;
			goto out;
		}
		start[i] = r[i]->m.icount < from ? r[i]->m.icount : from;
	}
	last = lock_end(r, to);
	t.pg = pg;
	t.hook.fn = told_replay;
	t.hook.arg = &t;
	if (last != UINT64_MAX && last >= from &&
	    (last - from) < UINT64_MAX / 2 / EMU_LOCKSTEP_COST)
		t.total = (from - start[0]) + (from - start[1]) +
		    (last - from) * EMU_LOCKSTEP_COST;
	for (i = 0; i < 2; i++) {
		r[i]->p.pg = pg != NULL ? &t.hook : NULL;
		t.start = start[i];
		if (run_to(r[i], from, name[i], rep) != 0) {
			rep->blame = i == 0 ? EMU_BLAME_LOG :
			    EMU_BLAME_LOG_B;
			goto out;
		}
		r[i]->p.pg = NULL;
		t.base += from - start[i];
	}
	rep->result = EMU_MATCHED;
	/* Lock step: after each instruction, do the states still agree? */
	while (r[0]->m.icount < to) {
		pc = r[0]->m.cpu.pc;
		next = r[0]->m.icount + 1;
		for (i = 0; i < 2; i++)
			if (run_to(r[i], next, name[i], rep) != 0) {
				/* A run that ends is not a difference. */
				rep->blame = i == 0 ? EMU_BLAME_LOG :
				    EMU_BLAME_LOG_B;
				if (rep->result == EMU_UNFINISHED)
					rep->result = EMU_MATCHED;
				goto out;
			}
		x->compared++;
		if (pg != NULL && x->compared % (EMU_PROGRESS_STEP /
		    EMU_LOCKSTEP_COST) == 0)
			pg->fn(pg->arg, t.total == 0 ? next : t.base +
			    (next - from) * EMU_LOCKSTEP_COST, t.total);
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
			replay_close(&r[i]->p);
			free(r[i]);
		}
	return rep->result;
}

/* ---- rrcut --exact ---- */

struct emu_walk {
	struct run	 x;
	const char	*path;
	int		 started;
};

static int
walk_fail(struct rr_error *err, int kind, uint64_t event, const char *what,
    const char *why)
{
	char msg[600];

	memset(err, 0, sizeof(*err));
	err->kind = kind;
	err->offset = RR_NO_OFFSET;
	err->event = event;
	snprintf(msg, sizeof(msg), "--exact: %.250s%s%.250s", what,
	    why != NULL ? ": " : "", why != NULL ? why : "");
	snprintf(err->msg, sizeof(err->msg), "%.*s", (int)sizeof(err->msg) -
	    1, msg);
	return -1;
}

int
emu_walk_open(struct emu_walk **wp, const char *path,
    const struct emu_progress *pg, struct rr_error *err)
{
	struct emu_walk *w;
	struct emu_error e;

	if ((*wp = w = calloc(1, sizeof(*w))) == NULL)
		return walk_fail(err, RR_E_NOMEM, RR_NO_EVENT, "out of memory",
		    NULL);
	w->path = path;
	if (replay_open(&w->x.p, &w->x.m, path, path, -1, &e) != 0)
		return walk_fail(err, e.kind == EMU_E_LOG ? RR_E_CORRUPT :
		    RR_E_UNSUPPORTED, e.event, e.msg, NULL);
	w->x.p.pg = pg;
	return 0;
}

void
emu_walk_close(struct emu_walk *w)
{
	if (w == NULL)
		return;
	replay_close(&w->x.p);
	free(w);
}

/* The state of the walk as a keyframe, and where in the log it stands. */
static int
take(struct emu_walk *w, uint8_t **buf, size_t *len, uint64_t *next,
    struct rr_error *err)
{
	struct rr_snap *s;
	int rc;

	if (replay_save(&w->x.p, &s) != 0)
		return walk_fail(err, RR_E_NOMEM, RR_NO_EVENT, "cannot save "
		    "the state", NULL);
	rc = gate_snap_next_event(s, next) == 1 &&
	    rr_snap_encode(s, buf, len) == RR_OK ? 0 : -1;
	rr_snap_free(s);
	return rc == 0 ? 0 : walk_fail(err, RR_E_NOMEM, RR_NO_EVENT, "cannot "
	    "encode the keyframe", NULL);
}

int
emu_walk_keyframe(struct emu_walk *w, uint64_t key_event,
    uint64_t key_icount, uint64_t target, uint8_t **buf, size_t *len,
    uint64_t *next_event, struct rr_error *err)
{
	struct machine *m = &w->x.m;
	struct replay_outcome o;
	struct emu_error e;

	*buf = NULL;
	if (!w->started || m->icount < key_icount || m->icount > target) {
		w->started = 0;
		if (replay_start_keyframe(&w->x.p, key_event, target, &e) !=
		    0)
			return walk_fail(err, e.kind == EMU_E_LOG ?
			    RR_E_CORRUPT : RR_E_INVAL, e.event, e.msg, NULL);
		w->started = 1;
	}
	if (m->icount < target)
		replay_run(&w->x.p, target, &o);
	else
		replay_outcome(m, STOP_LIMIT, UINT64_MAX, &o);
	if (o.stop != EMU_AT || m->icount != target) {
		w->started = 0;
		return walk_fail(err, o.result == EMU_DIVERGED ?
		    RR_E_CORRUPT : RR_E_INVAL, m->err.event, "the replay did "
		    "not reach the icount asked for", m->err.kind !=
		    EMU_E_NONE ? m->err.msg : "the recording ends before it");
	}
	return take(w, buf, len, next_event, err);
}
