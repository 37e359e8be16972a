/* A replay session: a log's machine started, run and judged (emu/replay.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dtb.h"
#include "gate.h"
#include "replay.h"
#include "emu.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

static int
blame(struct emu_error *e, int who, int kind, uint64_t offset,
    uint64_t event, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static int
blame(struct emu_error *e, int who, int kind, uint64_t offset,
    uint64_t event, const char *fmt, ...)
{
	va_list ap;

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->offset = offset;
	e->event = event;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -who;
}

/* The log's reader failed: err, its kind kept (emu_error.lib_kind). */
static int
blame_reader(struct emu_error *e, const struct rr_error *err)
{
	int rc = blame(e, EMU_BLAME_LOG, EMU_E_LOG, err->offset, err->event,
	    "%s", err->msg);

	e->lib_kind = err->kind;
	return rc;
}

/* A closed log's last icount bounds the replay. */
static uint64_t
log_end(struct rr_reader *r)
{
	struct rr_info info;
	uint64_t n, end;

	rr_reader_info(r, &info);
	if (!info.closed || rr_reader_extent(r, &n, &end) != RR_OK)
		return UINT64_MAX;
	return end;
}

/*
 * A log describes its run: replay refuses one recorded on a machine
 * other than the one it builds (formats/rrlog.md).
 */
static const char *
config_differs(const struct machine *m, const struct rr_header *lh)
{
	struct rr_header own;

	machine_header(m, &own);
	if (strcmp(lh->machine, own.machine) != 0)
		return "machine";
	if (!machine_isa_ok(lh->isa))
		return "ISA";
	if (strcmp(lh->devices, own.devices) != 0)
		return "devices";
	if (lh->ram_base != own.ram_base)
		return "RAM base";
	if (lh->dtb_hash != 0 && lh->dtb_hash != own.dtb_hash)
		return "device tree";
	return NULL;
}

/*
 * Whether event n of r is where a state at icount ic resumes: the
 * event before it is at or before ic, and n itself (if any) at or
 * after it.  r is left anywhere.
 */
static int
resumes_at(struct rr_reader *r, uint64_t n, uint64_t ic)
{
	struct rr_event ev;
	int rc;

	if (n > 0 && (rr_reader_seek_event(r, n - 1) != RR_OK ||
	    rr_reader_next(r, &ev) != RR_OK || ev.icount > ic))
		return 0;
	if (n == 0 && rr_reader_seek_event(r, 0) != RR_OK)
		return 0;
	rc = rr_reader_next(r, &ev);
	return rc == RR_EOF || (rc == RR_OK && ev.icount >= ic);
}

/*
 * A snapshot names the event it resumes at in the numbers of the log it
 * was taken from.  A cut (or split piece) of that log numbers from its
 * own start (formats/rrlog.md, provenance): where the number does not
 * fit this log as it is, it is taken as the parent's and moved.
 */
static uint64_t
cut_number(struct rr_reader *r, uint64_t next, uint64_t ic)
{
	const struct rr_header *lh = rr_reader_header(r);
	uint64_t skip, n;

	if (!lh->has_origin || next < lh->origin_event ||
	    resumes_at(r, next, ic))
		return next;
	skip = (lh->origin_flags & RR_ORIGIN_EXACT) != 0;
	n = next - lh->origin_event + skip;
	return resumes_at(r, n, ic) ? n : next;
}

/* Start from a snapshot file instead of the first keyframe. */
static int
boot_snapshot(struct machine *m, const char *load, const char *logname,
    struct rr_reader *r, struct rr_snap **resume, uint64_t first,
    uint64_t end, struct emu_error *e)
{
	const struct rr_header *lh = rr_reader_header(r);
	struct rr_error err;
	struct rr_event ev;
	uint64_t next;
	char msg[256];
	int rc;

	if (rr_snap_read(resume, load, &err) != RR_OK)
		return blame(e, EMU_BLAME_SNAPSHOT, EMU_E_MACHINE, err.offset,
		    RR_NO_EVENT, "%s", err.msg);
	if (machine_load(m, *resume, msg, sizeof(msg)) != 0)
		return blame(e, EMU_BLAME_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "%s", msg);
	if (memcmp(rr_snap_meta(*resume)->hdr.recording_id,
	    lh->recording_id, 16) != 0)
		return blame(e, EMU_BLAME_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "snapshot belongs to another recording than "
		    "%s", logname);
	if (m->icount < first || m->icount > end)
		return blame(e, EMU_BLAME_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "snapshot at icount %llu is outside %s "
		    "(icount %llu to %llu)", (unsigned long long)m->icount,
		    logname,
		    (unsigned long long)first, (unsigned long long)end);
	/*
	 * Events at the snapshot's icount may have been applied to it
	 * already: start at the one it names, where it names one.
	 */
	switch (gate_snap_next_event(*resume, &next)) {
	case 1:
		next = cut_number(r, next, m->icount);
		rc = rr_reader_seek_event(r, next);
		if (rc == RR_OK && (rc = rr_reader_next(r, &ev)) == RR_OK &&
		    ev.icount < m->icount)
			return blame(e, EMU_BLAME_SNAPSHOT, EMU_E_MACHINE,
			    RR_NO_OFFSET, RR_NO_EVENT, "snapshot at icount "
			    "%llu names event %llu of %s, at icount %llu",
			    (unsigned long long)m->icount,
			    (unsigned long long)next, logname,
			    (unsigned long long)ev.icount);
		if (rc == RR_OK)
			rc = rr_reader_seek_event(r, next);
		break;
	case 0:
		rc = rr_reader_seek_icount(r, m->icount);
		break;
	default:
		return blame(e, EMU_BLAME_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "gate: next_event: not a U64");
	}
	if (rc != RR_OK && rc != RR_EOF)
		return blame_reader(e, rr_reader_error(r));
	return 0;
}

/* Load keyframe ev into m; *s the new snapshot.  0, or -1 with e. */
static int
load_keyframe(struct machine *m, const struct rr_event *ev,
    struct rr_snap **s, struct emu_error *e)
{
	struct rr_error err;
	char msg[256];

	if (rr_snap_decode(s, ev->data, ev->len, &err) != RR_OK) {
		blame(e, EMU_BLAME_LOG, EMU_E_LOG, ev->offset, ev->number,
		    "keyframe: %s", err.msg);
		e->lib_kind = err.kind;
		return -1;
	}
	if (machine_load(m, *s, msg, sizeof(msg)) != 0) {
		rr_snap_free(*s);
		*s = NULL;
		blame(e, EMU_BLAME_LOG, EMU_E_LOG, ev->offset, ev->number,
		    "keyframe: %s", msg);
		return -1;
	}
	return 0;
}

int
replay_open(struct replay *p, struct machine *m, const char *log,
    const char *logname, int out_fd, struct emu_error *e)
{
	const struct rr_header *lh;
	struct rr_header own;
	struct rr_error err;
	const char *what;
	uint32_t rev;

	memset(p, 0, sizeof(*p));
	memset(m, 0, sizeof(*m));
	p->m = m;
	p->logname = logname;
	p->end = UINT64_MAX;
	p->gc.mode = GATE_REPLAY;
	p->gc.in_fd = -1;
	p->gc.out_fd = out_fd;
	if (rr_reader_open(&p->r, log, &err) != RR_OK)
		return blame_reader(e, &err);
	lh = rr_reader_header(p->r);
	p->h = *lh;
	p->gc.r = p->r;
	p->gc.hdr = &p->h;
	if (lh->ram_size == 0 || lh->ram_size > UINT32_MAX ||
	    machine_init(m, (uint32_t)lh->ram_size, lh->clock_shift) != 0)
		return blame(e, EMU_BLAME_LOG, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "cannot build the recorded machine (%llu "
		    "bytes of RAM)", (unsigned long long)lh->ram_size);
	/* The tree this log's machine booted with, if rremu knows it. */
	if ((rev = dtb_rev_of(m, lh->dtb_hash)) != 0)
		m->dtb_rev = rev;
	if ((what = config_differs(m, lh)) != NULL) {
		machine_header(m, &own);
		return blame(e, EMU_BLAME_LOG, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "recorded on another machine: its %s "
		    "differs (log: %s %s, devices %s, RAM at 0x%llx; rremu: "
		    "%s %s)", what, lh->machine, lh->isa, lh->devices,
		    (unsigned long long)lh->ram_base, own.machine, own.isa);
	}
	return 0;
}

/* A reader error of the log, in e. */
static int
log_error(struct replay *p, struct emu_error *e)
{
	return blame_reader(e, rr_reader_error(p->r));
}

/* Attach the gate to the start state. */
static int
attach(struct replay *p, struct emu_error *e)
{
	p->gc.resume = p->resume;
	if (gate_attach(p->m, &p->gc) != 0) {
		*e = p->m->err;
		return -EMU_BLAME_MACHINE;
	}
	return 0;
}

/*
 * Move a replay not yet attached to the last keyframe at or before
 * target, if it is later than m's state: the keyframe is loaded into m,
 * replaces p->resume, and the reader is left at the event after it.
 * The events before a keyframe are in its state, none after it.  (Its
 * gate.next_event says the same in the numbers of the recording that
 * wrote it, which a cut or a merge renumbers.)
 */
static int
nearest(struct replay *p, uint64_t target, struct emu_error *e)
{
	struct rr_key_bounds b;
	struct rr_event ev;
	struct rr_snap *s = NULL;
	int rc;

	if (target <= p->m->icount)
		return 0;
	/* Where the reader is: the next event to apply. */
	if ((rc = rr_reader_next(p->r, &ev)) == RR_EOF)
		return 0;
	if (rc != RR_OK)
		return log_error(p, e);
	b.ic_lo = p->m->icount + 1;
	b.ic_hi = target;
	b.ev_lo = ev.number;
	b.ev_hi = UINT64_MAX;
	if ((rc = rr_reader_last_keyframe(p->r, &b, &ev)) == RR_EOF) {
		/* None later: replay from where m is. */
		if (rr_reader_seek_event(p->r, b.ev_lo) != RR_OK)
			return log_error(p, e);
		return 0;
	}
	if (rc != RR_OK)
		return log_error(p, e);
	if (load_keyframe(p->m, &ev, &s, e) != 0)
		return -EMU_BLAME_LOG;
	rr_snap_free(p->resume);
	p->resume = s;
	return 0;
}

int
replay_start(struct replay *p, const char *load, uint64_t target,
    struct emu_error *e)
{
	struct rr_event ev;
	struct rr_snap *s = NULL;
	int rc;

	switch (rr_reader_next(p->r, &ev)) {
	case RR_OK:
		break;
	case RR_EOF:
		return blame(e, EMU_BLAME_LOG, EMU_E_LOG, RR_NO_OFFSET,
		    RR_NO_EVENT, "empty log");
	default:
		return blame_reader(e, rr_reader_error(p->r));
	}
	if (ev.kind != RR_EV_KEYFRAME)
		return blame(e, EMU_BLAME_LOG, EMU_E_LOG, ev.offset, ev.number,
		    "log does not start with a keyframe");
	if (load_keyframe(p->m, &ev, &s, e) != 0)
		return -EMU_BLAME_LOG;
	p->first = ev.icount;
	p->end = log_end(p->r);
	if (load != NULL) {
		rr_snap_free(s);
		rc = boot_snapshot(p->m, load, p->logname, p->r, &p->resume,
		    p->first, p->end, e);
		return rc != 0 ? rc : attach(p, e);
	}
	p->resume = s;
	if (p->end != UINT64_MAX) {
		if (rr_reader_seek_event(p->r, 1) != RR_OK)
			return log_error(p, e);
		if (target <= p->end && (rc = nearest(p, target, e)) != 0)
			return rc;
	}
	return attach(p, e);
}

int
replay_start_keyframe(struct replay *p, uint64_t n, uint64_t target,
    struct emu_error *e)
{
	struct rr_error err;
	struct rr_event ev;
	struct rr_snap *s = NULL;
	char msg[256];

	gate_detach(p->m);
	if (rr_reader_seek_event(p->r, n) != RR_OK ||
	    rr_reader_next(p->r, &ev) != RR_OK)
		return log_error(p, e);
	if (ev.kind != RR_EV_KEYFRAME || ev.icount > target)
		return blame(e, EMU_BLAME_LOG, EMU_E_LOG, RR_NO_OFFSET, n,
		    "no keyframe to start from");
	if (rr_snap_decode(&s, ev.data, ev.len, &err) != RR_OK)
		return blame(e, EMU_BLAME_LOG, EMU_E_LOG, RR_NO_OFFSET, n,
		    "the keyframe to start from is unreadable: %s", err.msg);
	rr_snap_free(p->resume);
	p->resume = s;
	if (machine_load(p->m, s, msg, sizeof(msg)) != 0)
		return blame(e, EMU_BLAME_LOG, EMU_E_LOG, RR_NO_OFFSET, n,
		    "keyframe: %s", msg);
	if (n == 0)
		p->first = ev.icount;
	p->end = log_end(p->r);
	/* The reader is at the event after it: the first not applied. */
	return attach(p, e);
}

/* A limit stop at the recording's end: did the recording end here? */
static int
ended(struct machine *m, struct replay_outcome *o)
{
	if (gate_finish(m, 0, 0) != 0 ||
	    !gate_replay_end(m, &o->reason, &o->status))
		return 0;
	o->has_end = 1;
	return 1;
}

int
replay_outcome(struct machine *m, int stop, uint64_t end,
    struct replay_outcome *o)
{
	char pc[200];

	memset(o, 0, sizeof(*o));
	o->stop = EMU_FAILED;
	switch (stop) {
	case STOP_EXIT:
		o->stop = EMU_EXITED;
		break;
	case STOP_LIMIT:
		if (m->err.kind != EMU_E_NONE && m->err.kind != EMU_E_STUCK)
			break;
		/* A stuck guest (emu/cpu.c) ends a recording too. */
		if (m->icount == end && ended(m, o))
			o->stop = EMU_ENDED;
		else if (m->err.kind == EMU_E_NONE)
			o->stop = EMU_AT;
		break;
	case STOP_REQUEST:
		if (m->err.kind != EMU_E_NONE)
			break;
		if ((o->trunc = gate_replay_truncated(m)) != NULL)
			o->stop = EMU_TRUNCATED;
		else if ((o->gap = gate_replay_gap(m)) != NULL)
			o->stop = EMU_GAP;
		else if (gate_replay_end(m, &o->reason, &o->status)) {
			o->has_end = 1;
			o->stop = EMU_ENDED;
		} else
			o->stop = EMU_REQUESTED;
		break;
	case STOP_IDLE:
		o->stop = EMU_IDLE;
		break;
	default:
		break;
	}
	/* The recorded guest exited here; this one did not. */
	if (o->stop == EMU_ENDED && o->reason == RR_END_EXIT) {
		emu_fail(m, EMU_E_DIVERGED, RR_NO_EVENT, RR_NO_OFFSET,
		    "divergence at icount %llu (pc %s): the recording "
		    "ends with the guest's exit, status %lld; the guest has "
		    "not exited", (unsigned long long)m->icount,
		    emu_addr_text(m, m->cpu.pc, pc, sizeof(pc)),
		    (long long)o->status);
		o->stop = EMU_FAILED;
	}
	/* A guest that can make no progress: where the recording ended? */
	if (m->err.kind == EMU_E_STUCK && (o->stop == EMU_ENDED ||
	    o->stop == EMU_FAILED))
		o->stop = EMU_STUCK;
	switch (o->stop) {
	case EMU_AT:
	case EMU_EXITED:
		o->result = EMU_MATCHED;
		break;
	case EMU_FAILED:
		o->result = m->err.kind == EMU_E_DIVERGED ? EMU_DIVERGED :
		    m->err.kind == EMU_E_NONE ? EMU_MATCHED :
		    EMU_TROUBLE;
		break;
	case EMU_STUCK:
		/* Stuck where the recorder was: it matched so far. */
		o->result = o->has_end ? EMU_UNFINISHED : EMU_TROUBLE;
		break;
	default:
		o->result = EMU_UNFINISHED;
		break;
	}
	return o->result;
}

int
replay_run(struct replay *p, uint64_t to, struct replay_outcome *o)
{
	struct machine *m = p->m;
	uint64_t end = to < p->end ? to : p->end, step;
	int stop;

	/* Steps for the progress callback: a stop the guest cannot see. */
	for (;;) {
		step = p->pg != NULL && m->icount < end &&
		    end - m->icount > EMU_PROGRESS_STEP ?
		    m->icount + EMU_PROGRESS_STEP : end;
		stop = machine_run(m, step);
		if (stop != STOP_LIMIT || step == end)
			break;
		p->pg->fn(p->pg->arg, m->icount, end == UINT64_MAX ? 0 : end);
	}
	/* A stop at to itself is where the caller asked, not the end. */
	replay_outcome(m, stop, to <= p->end ? UINT64_MAX : p->end, o);
	if (o->stop == EMU_EXITED && gate_finish(m, m->exit_code, 1) != 0)
		replay_outcome(m, STOP_ERROR, UINT64_MAX, o);
	return o->result;
}

int
replay_save(struct replay *p, struct rr_snap **out)
{
	*out = NULL;
	if (machine_save(p->m, &p->h, out) == 0 &&
	    gate_snap_save(p->m, *out) == 0)
		return 0;
	rr_snap_free(*out);
	*out = NULL;
	return -1;
}

void
replay_close(struct replay *p)
{
	if (p->m != NULL) {
		gate_detach(p->m);
		machine_free(p->m);
	}
	rr_reader_close(p->r);
	rr_snap_free(p->resume);
	memset(p, 0, sizeof(*p));
}
