/* Checks that need the machine: snapshots, keyframes and replays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "replay.h"
#include "emu.h"
#include "../lib/rrsnap.h"

struct emu_check {
	struct machine	 m;
	int		 ready;
};

struct emu_check *
emu_check_new(void)
{
	return calloc(1, sizeof(struct emu_check));
}

void
emu_check_free(struct emu_check *c)
{
	if (c == NULL)
		return;
	if (c->ready)
		machine_free(&c->m);
	free(c);
}

int
emu_check_snap(struct emu_check *c, const struct rr_snap *s, char *msg,
    size_t len)
{
	const struct rr_snap_meta *meta = rr_snap_meta(s);

	/* One machine serves every snapshot of one RAM size. */
	if (c->ready && (uint64_t)c->m.ram_size != meta->hdr.ram_size) {
		machine_free(&c->m);
		c->ready = 0;
	}
	if (!c->ready) {
		if (meta->hdr.ram_size > UINT32_MAX ||
		    meta->hdr.clock_shift > 32 ||
		    machine_init(&c->m, (uint32_t)meta->hdr.ram_size,
		    meta->hdr.clock_shift) != 0) {
			snprintf(msg, len, "no machine of this configuration "
			    "(%llu bytes of RAM, clock shift %u)",
			    (unsigned long long)meta->hdr.ram_size,
			    meta->hdr.clock_shift);
			return -1;
		}
		c->ready = 1;
	}
	/* machine_load checks every field and recomputes the state hash. */
	return machine_load(&c->m, s, msg, len) == 0 ? 0 : -1;
}

int
emu_check_keyframe(void *arg, const struct rr_snap *s,
    const struct rr_event *ev, char *msg, size_t len)
{
	(void)ev;
	return emu_check_snap(arg, s, msg, len);
}

/*
 * Start a replay of log, from the last keyframe at or before target
 * where the log is closed and target within it (0: the first
 * keyframe).  0 or -1 (rep filled).
 */
static int
start(struct replay *p, struct machine *m, const char *log,
    const char *logname, uint64_t target, const struct emu_progress *pg,
    struct emu_report *rep)
{
	int rc;

	if ((rc = replay_open(p, m, log, logname, -1, &rep->err)) == 0) {
		p->pg = pg;
		rc = replay_start(p, NULL, target, &rep->err);
	}
	if (rc == 0)
		return 0;
	rep->blame = rc == -EMU_BLAME_SNAPSHOT ? EMU_BLAME_SNAPSHOT : EMU_BLAME_LOG;
	rep->result = EMU_TROUBLE;
	return -1;
}

static void
finish(struct replay *p, struct emu_report *rep)
{
	rep->icount = p->m->icount;
	if (p->m->gate != NULL)
		rep->events = gate_events(p->m);
	replay_close(p);
}

/* Where a replay parted: the last agreement and the parts. */
static void
diverged_at(const struct machine *m, struct emu_report *rep)
{
	const uint32_t *ids;
	uint32_t i;

	rep->agreed = gate_agreed(m);
	rep->nparts = gate_diverged_parts(m, &ids);
	for (i = 0; i < rep->nparts; i++)
		rep->parts[i] = ids[i];
}

int
emu_verify_replay(const char *log, const char *logname,
    const struct emu_progress *pg, struct emu_report *rep)
{
	struct replay_outcome o;
	struct replay p;
	struct machine *m;

	memset(rep, 0, sizeof(*rep));
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		rep->result = EMU_TROUBLE;
		snprintf(rep->err.msg, sizeof(rep->err.msg), "out of memory");
		return rep->result;
	}
	if (start(&p, m, log, logname, 0, pg, rep) == 0) {
		rep->replayed = 1;
		rep->result = replay_run(&p, UINT64_MAX, &o);
		/* Also a stuck guest's stop, which the recording had. */
		if (m->err.kind != EMU_E_NONE)
			rep->err = m->err;
		diverged_at(m, rep);
	}
	finish(&p, rep);
	free(m);
	return rep->result;
}

int
emu_verify_snap_log(const struct rr_snap *s, const char *log,
    const char *logname, const struct emu_progress *pg,
    struct emu_report *rep)
{
	const struct rr_snap_meta *meta = rr_snap_meta(s);
	struct replay_outcome o;
	struct replay p;
	struct machine *m;
	uint64_t h;

	memset(rep, 0, sizeof(*rep));
	rep->result = EMU_TROUBLE;
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "out of memory");
		return rep->result;
	}
	if (start(&p, m, log, logname, meta->icount, pg, rep) != 0)
		goto out;
	rep->result = EMU_DIVERGED;
	rep->blame = EMU_BLAME_SNAPSHOT;
	rep->err.kind = EMU_E_DIVERGED;
	rep->err.offset = RR_NO_OFFSET;
	rep->err.event = RR_NO_EVENT;
	if (memcmp(meta->hdr.recording_id,
	    rr_snap_meta(p.resume)->hdr.recording_id, 16) != 0) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "snapshot "
		    "belongs to another recording than %s", logname);
		goto out;
	}
	if (meta->icount < p.first || meta->icount > p.end) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "snapshot at "
		    "icount %llu is outside %s (icount %llu to %llu)",
		    (unsigned long long)meta->icount, logname,
		    (unsigned long long)p.first, (unsigned long long)p.end);
		goto out;
	}
	rep->replayed = 1;
	if (m->icount < meta->icount)
		replay_run(&p, meta->icount, &o);
	if (m->err.kind != EMU_E_NONE) {
		rep->err = m->err;
		rep->blame = EMU_BLAME_LOG;
		rep->result = m->err.kind == EMU_E_DIVERGED ?
		    EMU_DIVERGED : EMU_TROUBLE;
		goto out;
	}
	if (m->icount != meta->icount) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "the replay of "
		    "%s ends at icount %llu, before the snapshot's %llu",
		    logname, (unsigned long long)m->icount,
		    (unsigned long long)meta->icount);
		goto out;
	}
	h = machine_hash(m, NULL, NULL);
	rep->state_hash = h;
	if (h != meta->state_hash) {
		snprintf(rep->err.msg, sizeof(rep->err.msg), "at icount %llu "
		    "%s says the state hash is %016llx, the snapshot's is "
		    "%016llx", (unsigned long long)meta->icount, logname,
		    (unsigned long long)h,
		    (unsigned long long)meta->state_hash);
		goto out;
	}
	rep->result = EMU_MATCHED;
	memset(&rep->err, 0, sizeof(rep->err));
out:
	finish(&p, rep);
	free(m);
	return rep->result;
}
