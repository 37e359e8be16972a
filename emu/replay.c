/* Replaying a log: booting from its keyframe, running to its end. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "gate.h"
#include "replay.h"
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
	if (strcmp(lh->isa, own.isa) != 0)
		return "ISA";
	if (strcmp(lh->devices, own.devices) != 0)
		return "devices";
	if (lh->ram_base != own.ram_base)
		return "RAM base";
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
		return blame(e, REPLAY_SNAPSHOT, EMU_E_MACHINE, err.offset,
		    RR_NO_EVENT, "%s", err.msg);
	if (machine_load(m, *resume, msg, sizeof(msg)) != 0)
		return blame(e, REPLAY_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "%s", msg);
	if (memcmp(rr_snap_meta(*resume)->hdr.recording_id,
	    lh->recording_id, 16) != 0)
		return blame(e, REPLAY_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "snapshot belongs to another recording than "
		    "%s", logname);
	if (m->icount < first || m->icount > end)
		return blame(e, REPLAY_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
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
			return blame(e, REPLAY_SNAPSHOT, EMU_E_MACHINE,
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
		return blame(e, REPLAY_SNAPSHOT, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "gate: next_event: not a U64");
	}
	if (rc != RR_OK && rc != RR_EOF)
		return blame(e, REPLAY_LOG, EMU_E_LOG,
		    rr_reader_error(r)->offset, rr_reader_error(r)->event,
		    "%s", rr_reader_error(r)->msg);
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
		blame(e, REPLAY_LOG, EMU_E_LOG, ev->offset, ev->number,
		    "keyframe: %s", err.msg);
		return -1;
	}
	if (machine_load(m, *s, msg, sizeof(msg)) != 0) {
		rr_snap_free(*s);
		*s = NULL;
		blame(e, REPLAY_LOG, EMU_E_LOG, ev->offset, ev->number,
		    "keyframe: %s", msg);
		return -1;
	}
	return 0;
}

int
replay_boot(struct machine *m, const char *log, const char *logname,
    const char *load, struct rr_reader **rp, struct rr_snap **resume, struct rr_header *h,
    uint64_t *end, struct emu_error *e)
{
	const struct rr_header *lh;
	struct rr_error err;
	struct rr_event ev;
	struct rr_snap *s = NULL;
	const char *what;

	*rp = NULL;
	*resume = NULL;
	*end = UINT64_MAX;
	memset(m, 0, sizeof(*m));
	if (rr_reader_open(rp, log, &err) != RR_OK)
		return blame(e, REPLAY_LOG, EMU_E_LOG, err.offset, err.event,
		    "%s", err.msg);
	lh = rr_reader_header(*rp);
	*h = *lh;
	if (lh->ram_size == 0 || lh->ram_size > UINT32_MAX ||
	    machine_init(m, (uint32_t)lh->ram_size, lh->clock_shift) != 0)
		return blame(e, REPLAY_LOG, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "cannot build the recorded machine (%llu "
		    "bytes of RAM)", (unsigned long long)lh->ram_size);
	if ((what = config_differs(m, lh)) != NULL) {
		machine_header(m, h);
		return blame(e, REPLAY_LOG, EMU_E_MACHINE, RR_NO_OFFSET,
		    RR_NO_EVENT, "recorded on another machine: its %s "
		    "differs (log: %s %s, devices %s, RAM at 0x%llx; rremu: "
		    "%s %s)", what, lh->machine, lh->isa, lh->devices,
		    (unsigned long long)lh->ram_base, h->machine, h->isa);
	}
	switch (rr_reader_next(*rp, &ev)) {
	case RR_OK:
		break;
	case RR_EOF:
		return blame(e, REPLAY_LOG, EMU_E_LOG, RR_NO_OFFSET,
		    RR_NO_EVENT, "empty log");
	default:
		err = *rr_reader_error(*rp);
		return blame(e, REPLAY_LOG, EMU_E_LOG, err.offset, err.event,
		    "%s", err.msg);
	}
	if (ev.kind != RR_EV_KEYFRAME)
		return blame(e, REPLAY_LOG, EMU_E_LOG, ev.offset, ev.number,
		    "log does not start with a keyframe");
	if (load_keyframe(m, &ev, &s, e) != 0)
		return -REPLAY_LOG;
	*end = log_end(*rp);
	if (load == NULL) {
		*resume = s;
		if (*end != UINT64_MAX && rr_reader_seek_event(*rp, 1) !=
		    RR_OK) {
			err = *rr_reader_error(*rp);
			return blame(e, REPLAY_LOG, EMU_E_LOG, err.offset,
			    err.event, "%s", err.msg);
		}
		return 0;
	}
	rr_snap_free(s);
	return boot_snapshot(m, load, logname, *rp, resume, ev.icount, *end,
	    e);
}

int
replay_nearest(struct machine *m, struct rr_reader *r,
    struct rr_snap **resume, uint64_t target, struct emu_error *e)
{
	struct rr_key_bounds b;
	struct rr_error err;
	struct rr_event ev;
	struct rr_snap *s = NULL;
	int rc;

	if (target <= m->icount)
		return 0;
	/* Where r is: the next event to apply. */
	if ((rc = rr_reader_next(r, &ev)) == RR_EOF)
		return 0;
	if (rc != RR_OK)
		goto bad;
	b.ic_lo = m->icount + 1;
	b.ic_hi = target;
	b.ev_lo = ev.number;
	b.ev_hi = UINT64_MAX;
	if ((rc = rr_reader_last_keyframe(r, &b, &ev)) == RR_EOF) {
		/* None later: replay from where m is. */
		if (rr_reader_seek_event(r, b.ev_lo) != RR_OK)
			goto bad;
		return 0;
	}
	if (rc != RR_OK)
		goto bad;
	if (load_keyframe(m, &ev, &s, e) != 0)
		return -REPLAY_LOG;
	rr_snap_free(*resume);
	*resume = s;
	/*
	 * The events before a keyframe are in its state, none after it,
	 * and r is at the event after it.  (Its gate.next_event says the
	 * same in the numbers of the recording that wrote it, which a cut
	 * or a merge renumbers.)
	 */
	return 0;
bad:
	err = *rr_reader_error(r);
	return blame(e, REPLAY_LOG, EMU_E_LOG, err.offset, err.event, "%s",
	    err.msg);
}

int
replay_run(struct machine *m, uint64_t end)
{
	uint32_t reason;
	int64_t status;
	int rc;

	rc = machine_run(m, end);
	switch (rc) {
	case STOP_EXIT:
		if (gate_finish(m, m->exit_code, 1) != 0)
			break;
		return REPLAY_MATCHED;
	case STOP_LIMIT:
		if (m->err.kind == EMU_E_NONE && gate_finish(m, 0, 0) == 0 &&
		    gate_replay_end(m, &reason, &status)) {
			if (reason != RR_END_EXIT)
				return REPLAY_UNFINISHED;
			/* The recorded guest exited here; this one did not. */
			emu_fail(m, EMU_E_DIVERGED, RR_NO_EVENT, RR_NO_OFFSET,
			    "divergence at icount %llu (pc 0x%08x): the "
			    "recording ends with the guest's exit, status "
			    "%lld; the guest has not exited",
			    (unsigned long long)m->icount, m->cpu.pc,
			    (long long)status);
			return REPLAY_DIVERGED;
		}
		break;
	case STOP_REQUEST:
		if (m->err.kind != EMU_E_NONE)
			break;
		if (gate_replay_truncated(m) != NULL)
			return REPLAY_UNFINISHED;
		if (gate_replay_end(m, &reason, &status))
			return reason == RR_END_EXIT ? REPLAY_DIVERGED :
			    REPLAY_UNFINISHED;
		return REPLAY_UNFINISHED;
	case STOP_IDLE:
		return REPLAY_UNFINISHED;
	default:
		break;
	}
	return m->err.kind == EMU_E_DIVERGED ? REPLAY_DIVERGED :
	    m->err.kind == EMU_E_NONE ? REPLAY_MATCHED : REPLAY_TROUBLE;
}
