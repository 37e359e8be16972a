/*
 * The debugger engine: a gdb target over the machine.  Forwards it runs
 * the machine in slices; with break- or watchpoints set, the hart's
 * hooks (cpu.h) end a slice at every instruction that may be a hit, and
 * the engine decides there, one instruction at a time, as if it had
 * stepped all the way.  Backwards it restores the nearest in-memory
 * snapshot at or before the target icount and replays forwards to it.
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "machine.h"
#include "mmu.h"
#include "pmp.h"
#include "priv.h"
#include "rvc.h"
#include "gate.h"
#include "gdb.h"
#include "debug.h"
#include "pagestore.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

#define MAX_BP		64
#define MAX_WP		16
/* Instructions between looks for a Ctrl-C from gdb. */
#define SLICE		(1u << 20)
#define STEP_POLL	65536u
#define EVENTS_AROUND	5

enum {
	ACC_READ = 1,
	ACC_WRITE = 2
};

struct snapent {
	uint64_t	 icount;
	struct rr_snap	*s;		/* all but RAM */
	struct ramtab	*ram;
	size_t		 bytes;		/* of s */
	int		 local;		/* near a goto's target (see below) */
};

struct wp {
	int		 kind;		/* enum gdb_bp */
	uint32_t	 addr, len;
};

/* A hit found while replaying a window for reverse-continue. */
struct hit {
	int		 found;
	uint64_t	 icount;	/* the state to stop at */
	int		 watch;		/* 0: breakpoint */
	int		 wp_kind;
	uint32_t	 wp_addr;
};

struct debug {
	struct machine	*m;
	struct debug_config c;
	int		 replay;
	uint64_t	 start;		/* first icount of the history */
	uint64_t	 high;		/* furthest icount whose output was
					   shown */
	int		 quiet;		/* the gate shows no output */
	uint32_t	 bp[MAX_BP];
	int		 nbp;
	struct wp	 wp[MAX_WP];
	int		 nwp;
	/* What the hart's hooks are armed with (cpu_debug_arm). */
	uint32_t	 hbp[MAX_BP];
	int		 nhbp;
	struct cpu_watch hwp[MAX_WP];
	int		 nhwp;
	struct snapent	*snaps;
	size_t		 nsnaps, snapbytes;	/* bytes: but RAM */
	struct pagestore ram;		/* the snapshots' RAM */
	uint64_t	 interval;
	size_t		 max_snaps;
	/*
	 * Local snapshots: every base_iv instructions from local_from to a
	 * replay's target, where the steps back will be; at most
	 * DEBUG_LOCAL_MAX, the farthest from the machine dropped first.
	 */
	uint64_t	 base_iv, local_from;
	size_t		 nlocal;
	struct rr_reader *events;	/* a second reader, for monitor and
					   for loading the log's keyframes */
	uint64_t	 key_loads;	/* keyframes loaded from the log */
	int		 keyed;		/* the log has them at an interval */
	uint64_t	 key_cost;	/* see DEBUG_KEY_COST */
	uint64_t	 from;		/* where the last replay started */
	size_t		 anchor_bytes;	/* the budget of anchors */
	struct gdb_session *gs;
	int		 fd;		/* the client, -1 if none */
	int		 gone;		/* the client went away */
};

/* ---- snapshots ---- */

/* What the snapshots hold: their RAM and the rest. */
static size_t
snap_bytes(const struct debug *d)
{
	return d->snapbytes + d->ram.bytes;
}

static size_t
snap_size(const struct rr_snap *s)
{
	struct rr_snap_field f;
	size_t i, j, sum = 256;

	for (i = 0; i < rr_snap_nsections(s); i++)
		for (j = 0; j < rr_snap_nfields(s, i); j++)
			if (rr_snap_field(s, i, j, &f) == RR_OK)
				sum += f.len + 64;
	return sum;
}

/* Index of the last snapshot with icount <= ic (0 if none is). */
static size_t
snap_at(const struct debug *d, uint64_t ic)
{
	size_t lo = 0, hi = d->nsnaps;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->snaps[mid].icount <= ic)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Every other snapshot goes, the first stays: the interval doubles. */
static void
snap_thin(struct debug *d)
{
	size_t i, j;

	d->interval *= 2;
	for (i = j = 0; i < d->nsnaps; i++) {
		if (i == 0 || d->snaps[i].local ||
		    d->snaps[i].icount % d->interval == 0) {
			d->snaps[j++] = d->snaps[i];
			continue;
		}
		d->snapbytes -= d->snaps[i].bytes;
		rr_snap_free(d->snaps[i].s);
		pagestore_put(&d->ram, d->snaps[i].ram);
	}
	d->nsnaps = j;
#ifdef __GLIBC__
	(void)malloc_trim(0);	/* half of them went */
#endif
}

/* Drop snapshot at. */
static void
snap_drop(struct debug *d, size_t at)
{
	d->nlocal -= d->snaps[at].local != 0;
	d->snapbytes -= d->snaps[at].bytes;
	rr_snap_free(d->snaps[at].s);
	pagestore_put(&d->ram, d->snaps[at].ram);
	memmove(d->snaps + at, d->snaps + at + 1, (d->nsnaps - at - 1) *
	    sizeof(d->snaps[0]));
	d->nsnaps--;
}

/* Drop the local snapshot farthest from the machine's icount. */
static void
local_drop(struct debug *d)
{
	uint64_t ic = d->m->icount, dist, far = 0;
	size_t i, at = 0;

	for (i = 0; i < d->nsnaps; i++) {
		if (!d->snaps[i].local)
			continue;
		dist = d->snaps[i].icount > ic ? d->snaps[i].icount - ic :
		    ic - d->snaps[i].icount;
		if (dist >= far) {
			far = dist;
			at = i;
		}
	}
	snap_drop(d, at);
}

/*
 * A snapshot here: an anchor at a multiple of the interval, or a local
 * one.  An anchor over a local snapshot makes it an anchor.
 */
static int
snap_take(struct debug *d, int local)
{
	struct machine *m = d->m;
	struct snapent *e;
	struct rr_snap *s;
	struct ramtab *t;
	size_t at;

	if (!d->replay || m->exited || m->stop_req || m->err.kind != EMU_E_NONE)
		return 0;
	if (d->nsnaps > 0) {
		at = snap_at(d, m->icount);
		if (d->snaps[at].icount == m->icount) {
			if (!local && d->snaps[at].local) {
				d->snaps[at].local = 0;
				d->nlocal--;
			}
			return 0;
		}
		if (!local && m->icount % d->interval != 0)
			return 0;
		/*
		 * Keyed, an anchor that copies all RAM is not worth it,
		 * but near a target it is the first local snapshot.
		 */
		if (!local && d->keyed && d->ram.base == NULL) {
			if (m->icount < d->local_from)
				return 0;
			local = 1;
		}
	}
	/* Hashing first: dirty pages move to m->written. */
	if (machine_save_noram(m, &s) != 0)
		return -1;
	if (gate_snap_save(m, s) != 0 || (t = pagestore_take(&d->ram,
	    d->ram.base == NULL ? NULL : m->written)) == NULL) {
		rr_snap_free(s);
		return -1;
	}
	if ((e = realloc(d->snaps, (d->nsnaps + 1) * sizeof(*e))) == NULL) {
		rr_snap_free(s);
		pagestore_put(&d->ram, t);
		return -1;
	}
	pagestore_base(&d->ram, t);
	d->snaps = e;
	at = d->nsnaps > 0 ? snap_at(d, m->icount) + 1 : 0;
	memmove(e + at + 1, e + at, (d->nsnaps - at) * sizeof(*e));
	e[at].icount = m->icount;
	e[at].s = s;
	e[at].ram = t;
	e[at].bytes = snap_size(s);
	e[at].local = local;
	d->nsnaps++;
	d->nlocal += local != 0;
	d->snapbytes += e[at].bytes;
	/*
	 * Over the bytes, the nearest DEBUG_LOCAL_KEEP stay: a dropped one
	 * frees only the pages no later one shares, so dropping on would
	 * empty the tier for little.
	 */
	while (d->nlocal > DEBUG_LOCAL_MAX || (d->nlocal > DEBUG_LOCAL_KEEP &&
	    snap_bytes(d) > d->anchor_bytes + DEBUG_LOCAL_BYTES))
		local_drop(d);
	/*
	 * Anchors: local snapshots go first, they come back on demand;
	 * but where the log's keyframes stand in for anchors, the anchors
	 * are thinned instead.
	 */
	while (!local && (d->nsnaps - d->nlocal > d->max_snaps ||
	    (snap_bytes(d) > d->anchor_bytes && d->nsnaps - d->nlocal >
	    (d->keyed ? 1u : 2u)))) {
		if (d->nlocal > 0 && !d->keyed)
			local_drop(d);
		else
			snap_thin(d);
	}
	return 0;
}

/*
 * The machine has no gate or no defined state: it must not run (without
 * a gate a replay would take values from the host).  The stop request
 * stays until a snapshot is restored.
 */
static void
broken(struct machine *m, const char *why)
{
	emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET, "%s", why);
	m->stop_req = 1;
	m->brk = 1;
}

/* Guest output the gate held back in snapshot s (its "gate" section). */
static size_t
pending_output(const struct rr_snap *s)
{
	struct rr_error e;
	const uint8_t *p;
	size_t n;
	long sec;

	if ((sec = rr_snap_find(s, "gate")) < 0 || rr_snap_get_bytes(s,
	    (size_t)sec, "output_pending", &p, &n, &e) != RR_OK)
		return 0;
	return n;
}

/*
 * A new gate at the current icount: the reader is positioned at the
 * first event at or after it (a stop at icount N has taken no event of
 * N yet), and output pending in the old gate is carried over.  Quiet:
 * guest output already shown once is not shown again.
 */
static int
gate_renew(struct debug *d, const struct rr_snap *from, int quiet,
    uint64_t seek, char *err, size_t errlen)
{
	struct machine *m = d->m;
	struct gate_config gc = d->c.gc;
	struct rr_snap *s = NULL;
	int rc;

	if (from == NULL) {
		if (rr_snap_new(&s, NULL) != RR_OK || gate_snap_save(m,
		    s) != 0) {
			rr_snap_free(s);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		from = s;
	}
	gate_detach(m);
	if (d->replay) {
		rc = seek != UINT64_MAX ? rr_reader_seek_event(gc.r, seek) :
		    m->icount == 0 ? rr_reader_seek_event(gc.r, 1) :
		    rr_reader_seek_icount(gc.r, m->icount);
		if (rc != RR_OK && rc != RR_EOF) {
			snprintf(err, errlen, "log: %s",
			    rr_reader_error(gc.r)->msg);
			rr_snap_free(s);
			return -1;
		}
	}
	if (quiet)
		gc.out_fd = -1;
	/* Nothing held back: a fresh gate holds nothing either. */
	gc.resume = pending_output(from) > 0 ? from : NULL;
	if ((rc = gate_attach(m, &gc)) != 0)
		snprintf(err, errlen, "%s", m->err.msg);
	rr_snap_free(s);
	d->quiet = quiet;
	if (rc != 0)
		broken(m, err);
	return rc;
}

static int
snap_restore(struct debug *d, const struct snapent *e, char *err,
    size_t errlen)
{
	struct machine *m = d->m;

	gate_detach(m);
	pagestore_restore(&d->ram, e->ram);
	if (machine_load_noram(m, e->s, err, errlen) != 0) {
		broken(m, err);
		return -1;
	}
	pagestore_base(&d->ram, e->ram);
	m->stop_req = 0;
	return gate_renew(d, e->s, e->icount < d->high, UINT64_MAX, err,
	    errlen);
}


/*
 * Before a keyframe at icount c is read to go to icount to: the local
 * snapshots outside [c, to] go, and the table RAM was based on, so that
 * memory does not hold two places and a keyframe at once.  (Without a
 * base, the next snapshot copies every page, and a restore every page
 * that is not zero in both.)
 */
static void
key_room(struct debug *d, uint64_t c, uint64_t to)
{
	size_t i;

	for (i = d->nsnaps; i-- > 0;)
		if (d->snaps[i].local && (d->snaps[i].icount < c ||
		    d->snaps[i].icount > to))
			snap_drop(d, i);
	pagestore_drop_base(&d->ram);
#ifdef __GLIBC__
	/* Page copies just freed go back to the system before it. */
	(void)malloc_trim(0);
#endif
}

/*
 * Keyframes of the log are restore points too, with no memory held for
 * them: load ev (in d->events' buffer) into the machine.
 */
static int
key_apply(struct debug *d, const struct rr_event *ev, char *err,
    size_t errlen)
{
	struct machine *m = d->m;
	struct rr_error e;
	struct rr_snap *s;
	int rc;

	if (rr_snap_decode_borrowed(&s, ev->data, ev->len, &e) != RR_OK) {
		snprintf(err, errlen, "log: keyframe (event %llu): %s",
		    (unsigned long long)ev->number, e.msg);
		return -1;
	}
	gate_detach(m);
	if (machine_load(m, s, err, errlen) != 0) {
		rr_snap_free(s);
		broken(m, err);
		return -1;
	}
	memset(m->written, 0, (m->npages + 63) / 64 * sizeof(*m->written));
	m->stop_req = 0;
	d->key_loads++;
	/*
	 * The events before it are in its state, none after it: its
	 * gate.next_event says so in the numbers of the recording that
	 * wrote it, which a cut or a merge renumbers.
	 */
	rc = gate_renew(d, s, ev->icount < d->high, ev->number + 1, err,
	    errlen);
	rr_snap_free(s);
	rr_reader_trim(d->events);
	return rc;
}

/*
 * Load the log's last keyframe at an icount in (floor, ic] (and not
 * before the replay's start).  It is only looked for where the
 * recorder's policy puts one, at a multiple of the keyframe interval in
 * those bounds: elsewhere replaying from a snapshot is cheaper than
 * reading the log for one.  1 loaded, 0 none, -1.
 */
static int
key_load(struct debug *d, uint64_t ic, uint64_t floor, char *err,
    size_t errlen)
{
	struct rr_key_bounds b;
	struct rr_event ev;
	uint64_t c, k;
	int rc;

	if (!d->keyed || floor >= ic)
		return 0;
	k = rr_reader_header(d->events)->keyframe_interval;
	c = ic / k * k;
	b.ic_lo = floor + 1 > d->start ? floor + 1 : d->start;
	b.ic_hi = ic;
	b.ev_lo = 0;
	b.ev_hi = UINT64_MAX;
	if (c < b.ic_lo)
		return 0;
	key_room(d, c, ic);
	rc = rr_reader_last_keyframe(d->events, &b, &ev);
	if (rc == RR_EOF)
		return 0;
	if (rc != RR_OK) {
		snprintf(err, errlen, "log: %s",
		    rr_reader_error(d->events)->msg);
		return -1;
	}
	return key_apply(d, &ev, err, errlen) == 0 ? 1 : -1;
}

/*
 * Put the machine at the best place to replay to ic from: the last
 * snapshot at or before ic, or the machine where it stands if that is
 * later and not past ic (stay), or a keyframe of the log that is more
 * than d->key_cost instructions later than either.
 */
static int
point_restore(struct debug *d, uint64_t ic, int stay, char *err,
    size_t errlen)
{
	struct machine *m = d->m;
	uint64_t best;
	size_t at;
	int rc;

	if (d->nsnaps == 0) {
		snprintf(err, errlen, "cannot go back: not a replay");
		return -1;
	}
	at = snap_at(d, ic);
	best = d->snaps[at].icount;
	if (stay && m->icount <= ic && m->icount >= best)
		best = m->icount;
	else
		stay = 0;
	rc = key_load(d, ic, best > UINT64_MAX - d->key_cost ? UINT64_MAX :
	    best + d->key_cost, err, errlen);
	if (rc == 0 && !stay)
		rc = snap_restore(d, &d->snaps[at], err, errlen);
	d->from = m->icount;
	return rc < 0 ? -1 : 0;
}

/* ---- forwards ---- */

/* gdb sent Ctrl-C (never, without a client: tests and benchmarks). */
static int
asked_break(struct debug *d)
{
	return d->gs != NULL && d->gs->poll_break(d->gs->io);
}

/*
 * Arm the hart's hooks with the break- and watchpoints (on), or with
 * none; only a change costs anything (a watch change flushes the
 * decode cache).
 */
static int
hooks(struct debug *d, int on)
{
	struct cpu_watch w[MAX_WP];
	int i, nbp = on ? d->nbp : 0, nwp = on ? d->nwp : 0;

	memset(w, 0, sizeof(w));
	for (i = 0; i < nwp; i++) {
		w[i].addr = d->wp[i].addr;
		w[i].len = d->wp[i].len;
		w[i].acc = d->wp[i].kind == GDB_WP_WRITE ? CPU_WATCH_WRITE :
		    d->wp[i].kind == GDB_WP_READ ? CPU_WATCH_READ :
		    CPU_WATCH_READ | CPU_WATCH_WRITE;
	}
	if (nbp == d->nhbp && nwp == d->nhwp && memcmp(d->hbp, d->bp,
	    (size_t)nbp * sizeof(d->bp[0])) == 0 && memcmp(d->hwp, w,
	    (size_t)nwp * sizeof(w[0])) == 0)
		return 0;
	if (cpu_debug_arm(d->m, d->bp, nbp, w, nwp) != 0) {
		return emu_fail(d->m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "out of memory for break- and watchpoints");
	}
	memcpy(d->hbp, d->bp, (size_t)nbp * sizeof(d->bp[0]));
	memcpy(d->hwp, w, sizeof(w));
	d->nhbp = nbp;
	d->nhwp = nwp;
	return 0;
}

static int
at_end(const struct debug *d)
{
	const struct machine *m = d->m;

	return m->exited || m->icount >= d->c.end ||
	    (d->replay && m->stop_req && m->err.kind == EMU_E_NONE &&
	    (gate_replay_truncated(m) ||
	    gate_replay_end(m, &(uint32_t){ 0 }, &(int64_t){ 0 })));
}

/* Output up to here has been shown. */
static void
note_high(struct debug *d)
{
	if (!d->quiet && d->m->icount > d->high)
		d->high = d->m->icount;
}

/* After a stop at a limit: snapshots, and output shown from here on. */
static int
after_limit(struct debug *d)
{
	struct machine *m = d->m;
	char err[256];

	if (d->replay && (m->icount % d->interval == 0 ||
	    (m->icount >= d->local_from && m->icount % d->base_iv == 0)) &&
	    snap_take(d, m->icount % d->interval != 0) != 0) {
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "cannot take a snapshot");
	}
	if (d->quiet && m->icount >= d->high && gate_renew(d, NULL, 0,
	    UINT64_MAX, err, sizeof(err)) != 0) {
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "%s", err);
	}
	note_high(d);
	return 0;
}

/*
 * Run to icount target (or an earlier stop), stopping at snapshot
 * points and where output starts to be shown.  poll: give up after a
 * slice if gdb sent Ctrl-C.  Returns a machine_run code.
 */
static int
run_to(struct debug *d, uint64_t target, int poll, int *brk)
{
	struct machine *m = d->m;
	uint64_t lim, nxt;
	int rc;

	if (target > d->c.end)
		target = d->c.end;
	d->local_from = target - (target < d->base_iv * DEBUG_LOCAL_MAX ?
	    target : d->base_iv * DEBUG_LOCAL_MAX);
	for (;;) {
		if (m->icount >= target)
			return STOP_LIMIT;
		lim = target;
		if (d->quiet && d->high > m->icount && d->high < lim)
			lim = d->high;
		if (d->replay) {
			nxt = (m->icount / d->interval + 1) * d->interval;
			if (m->icount + d->base_iv >= d->local_from &&
			    (m->icount / d->base_iv + 1) * d->base_iv < nxt)
				nxt = (m->icount / d->base_iv + 1) * d->base_iv;
			else if (m->icount < d->local_from &&
			    d->local_from < nxt)
				nxt = d->local_from;	/* where they start */
			if (nxt < lim)
				lim = nxt;
		}
		if (poll && lim - m->icount > SLICE)
			lim = m->icount + SLICE;
		rc = machine_run(m, lim);
		note_high(d);
		if (rc != STOP_LIMIT)
			return rc;
		if (after_limit(d) != 0)
			return STOP_ERROR;
		if (poll && asked_break(d)) {
			*brk = 1;
			return STOP_REQUEST;
		}
	}
}

/*
 * What the instruction at pc will access (RV32IAC; a compressed one as
 * its expansion), and its length in *len.
 */
static int
access_of(struct machine *m, uint32_t *addr, uint32_t *size, uint32_t *len)
{
	const struct cpu *c = &m->cpu;
	uint32_t pc = c->pc, w, off = pc - m->ram_base, f5;
	uint16_t h;
	int32_t imm;

	if (off > m->ram_size - 2 || (pc & 1) != 0)	/* not in RAM, or odd */
		return 0;
	memcpy(&h, m->ram + off, 2);
	*len = RVC_LEN(h);
	if (*len == 2)
		w = rvc_expand(h);
	else if (off > m->ram_size - 4)
		return 0;
	else
		memcpy(&w, m->ram + off, 4);
	switch (w & 0x7f) {
	case 0x03:
		imm = (int32_t)w >> 20;
		*addr = c->x[(w >> 15) & 31] + (uint32_t)imm;
		*size = 1u << ((w >> 12) & 3);
		return ACC_READ;
	case 0x23:
		imm = (int32_t)(w & 0xfe000000u) >> 20 |
		    (int32_t)((w >> 7) & 31);
		*addr = c->x[(w >> 15) & 31] + (uint32_t)imm;
		*size = 1u << ((w >> 12) & 3);
		return ACC_WRITE;
	case 0x2f:
		*addr = c->x[(w >> 15) & 31];
		*size = 4;
		f5 = w >> 27;
		return f5 == 2 ? ACC_READ : f5 == 3 ? ACC_WRITE :
		    ACC_READ | ACC_WRITE;
	default:
		return 0;
	}
}

static int
wp_match(const struct debug *d, int acc, uint32_t addr, uint32_t size,
    struct hit *h)
{
	const struct wp *w;
	int i, want;

	for (i = 0; i < d->nwp; i++) {
		w = &d->wp[i];
		want = w->kind == GDB_WP_WRITE ? ACC_WRITE :
		    w->kind == GDB_WP_READ ? ACC_READ : ACC_READ | ACC_WRITE;
		if ((acc & want) == 0 || addr >= w->addr + w->len ||
		    w->addr >= addr + size)
			continue;
		h->watch = 1;
		h->wp_kind = w->kind;
		h->wp_addr = addr > w->addr ? addr : w->addr;
		return 1;
	}
	return 0;
}

static int
bp_at(const struct debug *d, uint32_t pc)
{
	int i;

	for (i = 0; i < d->nbp; i++)
		if (d->bp[i] == pc)
			return 1;
	return 0;
}

/*
 * One instruction.  A watchpoint hit is the access of the instruction
 * at pc, found by decoding it first; it counts when that instruction
 * ran (pc moved on by its length: no trap, no interrupt came first).
 */
static int
step1(struct debug *d, struct hit *h)
{
	struct machine *m = d->m;
	uint32_t pc = m->cpu.pc, addr = 0, size = 0, rd, len = 4;
	uint64_t ic = m->icount;
	int acc = 0, rc;

	h->found = 0;
	if (d->nwp > 0)
		acc = access_of(m, &addr, &size, &len);
	m->dbg_pass = ic;
	rc = machine_run(m, ic + 1);
	note_high(d);
	if (rc != STOP_LIMIT)
		return rc;
	if (acc != 0 && m->cpu.pc == pc + len) {
		/* A failed SC wrote nothing (rd is 0 on success). */
		rd = 0;
		if (len == 4)
			memcpy(&rd, m->ram + (pc - m->ram_base), 4);
		if ((rd & 0x7f) == 0x2f && (rd >> 27) == 3 &&
		    ((rd >> 7) & 31) != 0 && m->cpu.x[(rd >> 7) & 31] != 0)
			acc = 0;
		if (acc != 0 && wp_match(d, acc, addr, size, h)) {
			h->found = 1;
			h->icount = ic;
		}
	}
	if (after_limit(d) != 0)
		return STOP_ERROR;
	return STOP_LIMIT;
}

/* The instruction at pc is about to access a watched address. */
static int
watch_next(struct debug *d, struct hit *h)
{
	uint32_t addr, size, len;
	int acc;

	if ((acc = access_of(d->m, &addr, &size, &len)) == 0)
		return 0;
	return wp_match(d, acc, addr, size, h);
}

/* ---- going to an icount ---- */

int
debug_goto(struct debug *d, uint64_t ic, char *err, size_t errlen)
{
	struct machine *m = d->m;
	int brk = 0;

	if (ic < d->start)
		ic = d->start;
	if (ic > d->c.end)
		ic = d->c.end;
	if (ic == m->icount)
		return 0;
	if (hooks(d, 0) != 0) {
		snprintf(err, errlen, "%s", m->err.msg);
		return -1;
	}
	if (ic < m->icount) {
		if (!d->replay || point_restore(d, ic, 0, err, errlen) != 0)
			return -1;
	} else if (m->exited || m->stop_req)
		return 0;	/* at the end: nothing further */
	else if (d->replay && point_restore(d, ic, 1, err, errlen) != 0)
		return -1;	/* a snapshot or keyframe ahead skips replaying */
	(void)run_to(d, ic, 0, &brk);
	if (m->err.kind != EMU_E_NONE) {
		snprintf(err, errlen, "%s", m->err.msg);
		return -1;
	}
	return 0;
}

/* ---- the gdb target ---- */

static void
stop_at_end(struct debug *d, struct gdb_stop *st)
{
	struct machine *m = d->m;
	uint32_t reason;
	int64_t status;

	if (!d->replay) {
		st->kind = GDB_STOP_EXITED;
		st->code = m->exit_code;
		return;
	}
	st->kind = GDB_STOP_END;
	if (m->exited)
		snprintf(st->text, sizeof(st->text), "rremu: the guest exited "
		    "with status %d at icount %llu: the end of the recording",
		    m->exit_code, (unsigned long long)m->icount);
	else if (gate_replay_end(m, &reason, &status))
		snprintf(st->text, sizeof(st->text), "rremu: the recording "
		    "ends here (%s) at icount %llu", rr_end_reason_name(reason),
		    (unsigned long long)m->icount);
	else
		snprintf(st->text, sizeof(st->text), "rremu: the recording "
		    "ends here, at icount %llu", (unsigned long long)m->icount);
}

/* Turn a machine_run code into a stop for gdb. */
static void
stop_from(struct debug *d, int rc, int brk, struct gdb_stop *st)
{
	struct machine *m = d->m;

	if (m->err.kind != EMU_E_NONE || rc == STOP_ERROR) {
		st->kind = GDB_STOP_ERROR;
		snprintf(st->text, sizeof(st->text), "rremu: %.250s", m->err.msg[0] ?
		    m->err.msg : "emulator error");
	} else if (rc == STOP_EXIT || at_end(d))
		stop_at_end(d, st);
	else if (rc == STOP_IDLE) {
		st->kind = GDB_STOP_ERROR;
		snprintf(st->text, sizeof(st->text), "rremu: the guest waits "
		    "for input that will not come");
	} else if (rc == STOP_REQUEST || brk) {
		st->kind = GDB_STOP_TRAP;
		st->sig = 2;
		if (m->stop_req && !brk)
			m->stop_req = 0;	/* a signal: report it once */
	} else {
		st->kind = GDB_STOP_TRAP;
		st->sig = 5;
	}
	st->pc = m->cpu.pc;
}

static int
forward(struct debug *d, int step, struct gdb_stop *st)
{
	struct machine *m = d->m;
	struct hit h;
	uint64_t n = 0;
	int rc, brk = 0;

	if (at_end(d)) {
		stop_from(d, STOP_LIMIT, 0, st);
		return 0;
	}
	if (hooks(d, !step) != 0) {
		stop_from(d, STOP_ERROR, 0, st);
		return 0;
	}
	if (!step && d->nbp == 0 && d->nwp == 0) {
		rc = run_to(d, UINT64_MAX, 1, &brk);
		stop_from(d, rc, brk, st);
		return 0;
	}
	for (;;) {
		/*
		 * gdb takes RISC-V watchpoints as trapping before the access
		 * (it steps over the instruction itself, the watchpoint
		 * removed): stop with pc at the accessing instruction.
		 */
		if (!step && d->nwp > 0 && watch_next(d, &h)) {
			st->kind = GDB_STOP_WATCH;
			st->wp_kind = h.wp_kind;
			st->wp_addr = h.wp_addr;
			st->pc = m->cpu.pc;
			return 0;
		}
		rc = step1(d, &h);
		if (rc != STOP_LIMIT || at_end(d))
			break;
		if (step || bp_at(d, m->cpu.pc))
			break;
		if (++n % STEP_POLL == 0 && asked_break(d)) {
			brk = 1;
			break;
		}
		/* No hit can come before the hooks' next candidate. */
		m->dbg_pass = UINT64_MAX;
		if ((rc = run_to(d, UINT64_MAX, 1, &brk)) != STOP_DEBUG)
			break;
		rc = STOP_LIMIT;
		if (at_end(d) || bp_at(d, m->cpu.pc))
			break;
	}
	stop_from(d, rc, brk, st);
	return 0;
}

/*
 * The guest's exit as the last instruction of a window that ends where
 * it exited (reverse-continue from the end of a replay): not early.
 */
static int
exit_at(const struct machine *m, int rc, uint64_t hi)
{
	return rc == STOP_EXIT && m->icount >= hi;
}

/*
 * Replay the window [from the restore point before hi, hi), one
 * instruction at a time where the hooks name a candidate and at full
 * speed between, and keep the last break- or watchpoint hit in it.
 * *lo: where the window started.
 */
static int
scan_window(struct debug *d, uint64_t hi, uint64_t *lo, struct hit *last,
    int *brk, char *err, size_t errlen)
{
	struct machine *m = d->m;
	struct hit h;
	uint64_t n = 0;
	int rc;

	if (point_restore(d, hi - 1, 0, err, errlen) != 0)
		return -1;
	*lo = m->icount;
	if (hooks(d, 1) != 0) {
		snprintf(err, errlen, "%.190s", m->err.msg);
		return -1;
	}
	memset(last, 0, sizeof(*last));
	while (m->icount < hi) {
		if (bp_at(d, m->cpu.pc)) {
			last->found = 1;
			last->icount = m->icount;
			last->watch = 0;
		}
		rc = step1(d, &h);
		if (rc != STOP_LIMIT && !exit_at(m, rc, hi)) {
			snprintf(err, errlen, "%.190s", m->err.msg[0] ? m->err.msg :
			    "the replay stopped early");
			return -1;
		}
		/*
		 * Backwards, gdb expects a watchpoint stop just after the
		 * access and steps back over it itself: the state after the
		 * instruction.  A breakpoint there comes first going back.
		 */
		if (h.found) {
			*last = h;
			last->icount = h.icount + 1;
		}
		if (++n % STEP_POLL == 0 && asked_break(d)) {
			*brk = 1;
			return 0;
		}
		if (m->icount >= hi)
			break;
		m->dbg_pass = UINT64_MAX;
		rc = run_to(d, hi, 1, brk);
		if (*brk)
			return 0;
		if (rc != STOP_LIMIT && rc != STOP_DEBUG &&
		    !exit_at(m, rc, hi)) {
			snprintf(err, errlen, "%.190s", m->err.msg[0] ? m->err.msg :
			    "the replay stopped early");
			return -1;
		}
	}
	return 0;
}

static int
backward(struct debug *d, int step, struct gdb_stop *st)
{
	struct machine *m = d->m;
	struct hit last;
	uint64_t hi = m->icount, lo;
	int brk = 0;

	st->kind = GDB_STOP_TRAP;
	st->sig = 5;
	if (m->icount <= d->start) {
		st->kind = GDB_STOP_BEGIN;
		st->pc = m->cpu.pc;
		return 0;
	}
	if (step) {
		if (debug_goto(d, m->icount - 1, st->text,
		    sizeof(st->text)) != 0)
			st->kind = GDB_STOP_ERROR;
		st->pc = m->cpu.pc;
		return 0;
	}
	if (d->nbp == 0 && d->nwp == 0) {
		if (debug_goto(d, d->start, st->text, sizeof(st->text)) != 0)
			st->kind = GDB_STOP_ERROR;
		else
			st->kind = GDB_STOP_BEGIN;
		st->pc = m->cpu.pc;
		return 0;
	}
	for (;;) {
		if (scan_window(d, hi, &lo, &last, &brk, st->text,
		    sizeof(st->text)) != 0) {
			st->kind = GDB_STOP_ERROR;
			break;
		}
		if (brk) {
			st->sig = 2;
			break;
		}
		if (last.found) {
			if (debug_goto(d, last.icount, st->text,
			    sizeof(st->text)) != 0) {
				st->kind = GDB_STOP_ERROR;
				break;
			}
			if (last.watch) {
				st->kind = GDB_STOP_WATCH;
				st->wp_kind = last.wp_kind;
				st->wp_addr = last.wp_addr;
			}
			break;
		}
		hi = lo;
		if (hi <= d->start) {
			if (debug_goto(d, d->start, st->text,
			    sizeof(st->text)) != 0)
				st->kind = GDB_STOP_ERROR;
			else
				st->kind = GDB_STOP_BEGIN;
			break;
		}
	}
	st->pc = m->cpu.pc;
	return 0;
}

static int
t_resume(void *t, int action, struct gdb_stop *st)
{
	struct debug *d = t;

	if (action == GDB_STEP || action == GDB_CONT)
		return forward(d, action == GDB_STEP, st);
	return backward(d, action == GDB_RSTEP, st);
}

static int
t_read_reg(void *t, int regno, uint32_t *v)
{
	const struct machine *m = ((struct debug *)t)->m;

	if (regno >= 0 && regno < 32)
		*v = m->cpu.x[regno];
	else if (regno == GDB_REG_PC)
		*v = m->cpu.pc;
	else if (regno == GDB_REG_PRIV)
		*v = m->cpu.priv;
	else if (regno >= GDB_REG_CSR0 && regno < GDB_REG_CSR0 + 4096)
		return cpu_csr_peek(m, (uint32_t)(regno - GDB_REG_CSR0), v);
	else
		return -1;
	return 0;
}

static const char no_write[] = "rremu: writing to a replay would make it "
    "diverge from the recording; use rremu run --gdb to change state";

static int
t_write_reg(void *t, int regno, uint32_t v, char *err, size_t errlen)
{
	struct debug *d = t;
	struct cpu *c = &d->m->cpu;

	if (d->replay) {
		snprintf(err, errlen, "%s", no_write);
		fprintf(stderr, "%s\n", no_write);
		return -1;
	}
	if (regno > 0 && regno < 32)
		c->x[regno] = v;
	else if (regno == GDB_REG_PC)
		c->pc = v;
	else if (regno != 0) {
		snprintf(err, errlen, "register %d cannot be written", regno);
		return -1;
	}
	return 0;
}

/*
 * The RAM offset of address addr as the hart's loads see it (through
 * its Sv32 mapping, as gdb expects; MMU_PEEK changes nothing), and in
 * *n how many bytes from there lie in one page of RAM; -1 if it is not
 * mapped to RAM.
 */
static int
debug_ram(struct machine *m, uint32_t addr, size_t len, uint32_t *off,
    size_t *n)
{
	uint64_t pa;
	uint32_t cause;

	if (mmu_translate(m, addr, PMP_R | MMU_PEEK, priv_data(&m->cpu), &pa,
	    &cause, NULL) != 0 || pa < m->ram_base ||
	    pa - m->ram_base >= m->ram_size)
		return -1;
	*off = (uint32_t)(pa - m->ram_base);
	*n = PAGE_SIZE - (addr & (PAGE_SIZE - 1));
	if (*n > len)
		*n = len;
	if (*n > m->ram_size - *off)
		*n = m->ram_size - *off;
	return 0;
}

static int
t_read_mem(void *t, uint32_t addr, uint8_t *buf, size_t len)
{
	struct machine *m = ((struct debug *)t)->m;
	uint32_t off;
	size_t n;

	/* RAM only: a device register read could change the device. */
	while (len > 0) {
		if (debug_ram(m, addr, len, &off, &n) != 0)
			return -1;
		memcpy(buf, m->ram + off, n);
		buf += n;
		addr += (uint32_t)n;
		len -= n;
	}
	return 0;
}

static int
t_write_mem(void *t, uint32_t addr, const uint8_t *buf, size_t len,
    char *err, size_t errlen)
{
	struct debug *d = t;
	struct machine *m = d->m;
	uint32_t off;
	size_t n, i;

	if (d->replay) {
		snprintf(err, errlen, "%s", no_write);
		fprintf(stderr, "%s\n", no_write);
		return -1;
	}
	/* Every page first, so a write is whole or not at all. */
	for (i = 0; i < len; i += n)
		if (debug_ram(m, addr + (uint32_t)i, len - i, &off, &n) != 0) {
			snprintf(err, errlen, "0x%08x: not RAM",
			    addr + (uint32_t)i);
			return -1;
		}
	for (i = 0; i < len; i += n) {
		(void)debug_ram(m, addr + (uint32_t)i, len - i, &off, &n);
		memcpy(m->ram + off, buf + i, n);
		machine_dirty_range(m, off, (uint32_t)n);
	}
	cpu_flush_cache(m);
	return 0;
}

static int
t_breakpoint(void *t, int kind, uint32_t addr, uint32_t len, int insert)
{
	struct debug *d = t;
	int i;

	if (kind == GDB_BP_SW || kind == GDB_BP_HW) {
		for (i = 0; i < d->nbp && d->bp[i] != addr; i++)
			;
		if (!insert) {
			if (i < d->nbp)
				d->bp[i] = d->bp[--d->nbp];
			return 0;
		}
		if (i < d->nbp)
			return 0;
		if (d->nbp == MAX_BP)
			return -1;
		d->bp[d->nbp++] = addr;
		return 0;
	}
	if (len == 0)
		len = 1;
	for (i = 0; i < d->nwp; i++)
		if (d->wp[i].kind == kind && d->wp[i].addr == addr &&
		    d->wp[i].len == len)
			break;
	if (!insert) {
		if (i < d->nwp)
			d->wp[i] = d->wp[--d->nwp];
		return 0;
	}
	if (i < d->nwp)
		return 0;
	if (d->nwp == MAX_WP)
		return -1;
	d->wp[d->nwp].kind = kind;
	d->wp[d->nwp].addr = addr;
	d->wp[d->nwp].len = len;
	d->nwp++;
	return 0;
}

/* ---- monitor ---- */

/*
 * phys ADDR [LEN]: LEN bytes (16 unless given, at most 256) of RAM at
 * physical address ADDR, in hex, 16 to a line: memory as it is, past
 * any mapping, which gdb's own reads go through.
 */
static int
mon_phys(const struct machine *m, const char *arg, char *out, size_t len)
{
	unsigned long long a, n = 16;
	char *end;
	size_t o = 0, i;
	uint32_t off;

	errno = 0;
	a = strtoull(arg, &end, 0);
	if (errno == 0 && end != arg && *end == ' ')
		n = strtoull(end + 1, &end, 0);
	if (errno != 0 || end == arg || *end != '\0' || n == 0 || n > 256) {
		snprintf(out, len, "usage: monitor phys ADDR [LEN], LEN 1 to "
		    "256\n");
		return -1;
	}
	off = (uint32_t)a - m->ram_base;
	if (a > UINT32_MAX || off >= m->ram_size || n > m->ram_size - off) {
		snprintf(out, len, "0x%llx: not RAM\n", a);
		return -1;
	}
	for (i = 0; i < n && o + 64 < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%02x",
		    i % 16 == 0 ? (i == 0 ? "" : "\n") : " ",
		    m->ram[off + i]);
	snprintf(out + o, len - o, "\n");
	return 0;
}

/*
 * One event as rrdump prints it, with its newline: the front end's
 * hook formats it (emu/ has no printer of its own); without one, the
 * number, icount and kind.
 */
static size_t
event_line(const struct machine *m, const struct rr_event *ev, char *out,
    size_t len)
{
	const char *name = rr_kind_name(ev->kind);
	size_t n;

	if (m->hooks != NULL && m->hooks->event_text != NULL)
		m->hooks->event_text(ev, out, len);
	else if (name != NULL)
		snprintf(out, len, "%llu %llu %s",
		    (unsigned long long)ev->number,
		    (unsigned long long)ev->icount, name);
	else
		snprintf(out, len, "%llu %llu unknown-%u",
		    (unsigned long long)ev->number,
		    (unsigned long long)ev->icount, ev->kind);
	n = strlen(out);
	if (n + 1 < len) {
		out[n++] = '\n';
		out[n] = '\0';
	}
	return n;
}

/* Number of the first event at or after the current icount. */
static int
event_here(struct debug *d, uint64_t *num)
{
	struct rr_event ev;
	uint64_t n;
	int rc;

	rc = rr_reader_seek_icount(d->events, d->m->icount);
	if (rc == RR_OK)
		rc = rr_reader_next(d->events, &ev);
	if (rc == RR_OK) {
		*num = ev.number;
		return 0;
	}
	if (rr_reader_extent(d->events, &n, &(uint64_t){ 0 }) != RR_OK)
		return -1;
	*num = n;
	return 0;
}

static int
mon_events(struct debug *d, char *out, size_t len)
{
	struct rr_event ev;
	uint64_t here, first;
	size_t o = 0;
	int i;

	if (event_here(d, &here) != 0) {
		snprintf(out, len, "log: %s\n", rr_reader_error(d->events)->msg);
		return -1;
	}
	first = here > EVENTS_AROUND ? here - EVENTS_AROUND : 0;
	if (rr_reader_seek_event(d->events, first) != RR_OK) {
		snprintf(out, len, "no events\n");
		return 0;
	}
	for (i = 0; i < 2 * EVENTS_AROUND && o + 1 < len; i++) {
		if (rr_reader_next(d->events, &ev) != RR_OK)
			break;
		if (ev.number == here)
			o += (size_t)snprintf(out + o, len - o, "-- icount %llu "
			    "is here --\n", (unsigned long long)d->m->icount);
		if (o + 1 < len)
			o += event_line(d->m, &ev, out + o, len - o);
	}
	if (i < 2 * EVENTS_AROUND && here >= first + (uint64_t)i &&
	    o + 1 < len)
		snprintf(out + o, len - o, "-- icount %llu is here (after the "
		    "last event) --\n", (unsigned long long)d->m->icount);
	return 0;
}

static int
t_monitor(void *t, const char *cmd, char *out, size_t len)
{
	struct debug *d = t;
	struct machine *m = d->m;
	char err[256], *end;
	unsigned long long n;
	uint64_t ev;

	while (*cmd == ' ')
		cmd++;
	if (strcmp(cmd, "icount") == 0) {
		/* The state hash: states reached two ways must agree. */
		if (d->events != NULL && event_here(d, &ev) == 0)
			snprintf(out, len, "icount %llu, event %llu, pc 0x%08x, "
			    "state %016llx\n", (unsigned long long)m->icount,
			    (unsigned long long)ev, m->cpu.pc,
			    (unsigned long long)machine_hash(m, NULL, NULL));
		else
			snprintf(out, len, "icount %llu, pc 0x%08x, state "
			    "%016llx\n", (unsigned long long)m->icount, m->cpu.pc,
			    (unsigned long long)machine_hash(m, NULL, NULL));
		return 0;
	}
	if (strcmp(cmd, "snapshots") == 0) {
		snprintf(out, len, "%zu snapshots, %zu bytes, one every %llu "
		    "instructions\n%zu local snapshots, one every %llu near "
		    "the last target\n%llu keyframes loaded from the log\n",
		    d->nsnaps - d->nlocal, snap_bytes(d),
		    (unsigned long long)d->interval, d->nlocal,
		    (unsigned long long)d->base_iv,
		    (unsigned long long)d->key_loads);
		return 0;
	}
	if (strncmp(cmd, "goto ", 5) == 0) {
		errno = 0;
		n = strtoull(cmd + 5, &end, 0);
		if (errno != 0 || end == cmd + 5 || *end != '\0') {
			snprintf(out, len, "usage: monitor goto ICOUNT\n");
			return -1;
		}
		if ((uint64_t)n < m->icount && !d->replay) {
			snprintf(out, len, "cannot go back: not a replay\n");
			return -1;
		}
		if (debug_goto(d, n, err, sizeof(err)) != 0) {
			snprintf(out, len, "%s\n", err);
			return -1;
		}
		snprintf(out, len, "at icount %llu, pc 0x%08x%s\n",
		    (unsigned long long)m->icount, m->cpu.pc,
		    (uint64_t)n != m->icount ? " (the end of the recording)" :
		    "");
		return 0;
	}
	if (strncmp(cmd, "phys ", 5) == 0)
		return mon_phys(m, cmd + 5, out, len);
	if (strcmp(cmd, "events") == 0) {
		if (d->events == NULL) {
			snprintf(out, len, "no recording: this is a run\n");
			return -1;
		}
		return mon_events(d, out, len);
	}
	snprintf(out, len, "monitor commands: icount, goto ICOUNT, events, "
	    "snapshots, phys ADDR [LEN]\n");
	return strcmp(cmd, "help") == 0 ? 0 : -1;
}

static const struct gdb_ops debug_ops = {
	t_read_reg, t_write_reg, t_read_mem, t_write_mem, t_breakpoint,
	t_resume, t_monitor
};

const struct gdb_ops *
debug_gdb_ops(void)
{
	return &debug_ops;
}

/* ---- life cycle ---- */

struct debug *
debug_new(struct machine *m, const struct debug_config *c, char *err,
    size_t errlen)
{
	struct debug *d;
	struct rr_error e;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->m = m;
	d->c = *c;
	d->fd = -1;
	d->replay = c->gc.mode == GATE_REPLAY;
	if (!d->replay)
		d->c.end = UINT64_MAX;
	d->interval = c->interval != 0 ? c->interval : DEBUG_SNAP_INTERVAL;
	d->base_iv = d->interval;
	d->local_from = UINT64_MAX;
	d->max_snaps = c->max_snaps != 0 ? c->max_snaps : DEBUG_SNAP_MAX;
	d->key_cost = c->key_cost != 0 ? c->key_cost : DEBUG_KEY_COST;
	d->start = d->high = m->icount;
	pagestore_init(&d->ram, m);
	if ((m->written = calloc((m->npages + 63) / 64,
	    sizeof(*m->written))) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(d);
		return NULL;
	}
	if (d->replay && c->log != NULL && rr_reader_open(&d->events, c->log,
	    &e) != RR_OK) {
		snprintf(err, errlen, "%s", e.msg);
		debug_free(d);
		return NULL;
	}
	/*
	 * Not past a gap: a replay stops at one, and a keyframe after it
	 * would go on where the forward replay cannot.
	 */
	d->keyed = d->events != NULL &&
	    rr_reader_header(d->events)->keyframe_interval > 0 &&
	    rr_reader_header(d->events)->gaps == 0;
	d->anchor_bytes = d->keyed ? DEBUG_KEYED_BYTES : DEBUG_SNAP_BYTES;
	if (snap_take(d, 0) != 0) {
		snprintf(err, errlen, "cannot take a snapshot");
		debug_free(d);
		return NULL;
	}
	return d;
}

void
debug_free(struct debug *d)
{
	size_t i;

	if (d == NULL)
		return;
	/* The plain run loop knows nothing of candidates. */
	(void)cpu_debug_arm(d->m, NULL, 0, NULL, 0);
	for (i = 0; i < d->nsnaps; i++) {
		rr_snap_free(d->snaps[i].s);
		pagestore_put(&d->ram, d->snaps[i].ram);
	}
	pagestore_drop_base(&d->ram);
	free(d->snaps);
	free(d->m->written);
	d->m->written = NULL;
	rr_reader_close(d->events);
	free(d);
}

int
debug_breakpoint(struct debug *d, uint32_t addr, int insert)
{
	return t_breakpoint(d, GDB_BP_SW, addr, 4, insert);
}

int
debug_watchpoint(struct debug *d, int kind, uint32_t addr, uint32_t len,
    int insert)
{
	return t_breakpoint(d, kind, addr, len, insert);
}

int
debug_continue(struct debug *d, char *err, size_t errlen)
{
	struct gdb_stop st;

	memset(&st, 0, sizeof(st));
	(void)forward(d, 0, &st);
	if (st.kind == GDB_STOP_ERROR) {
		snprintf(err, errlen, "%s", st.text);
		return -1;
	}
	return 0;
}

int
debug_reverse_continue(struct debug *d, char *err, size_t errlen)
{
	struct gdb_stop st;

	memset(&st, 0, sizeof(st));
	(void)backward(d, 0, &st);
	if (st.kind == GDB_STOP_ERROR) {
		snprintf(err, errlen, "%s", st.text);
		return -1;
	}
	return 0;
}

void
debug_snap_stats(const struct debug *d, size_t *n, size_t *bytes,
    uint64_t *interval)
{
	*n = d->nsnaps - d->nlocal;
	*bytes = snap_bytes(d);
	*interval = d->interval;
}

uint64_t
debug_key_loads(const struct debug *d)
{
	return d->key_loads;
}

uint64_t
debug_replayed_from(const struct debug *d)
{
	return d->from;
}

/* ---- the socket (gdbsock.c) ---- */

static int
io_write(void *io, const void *p, size_t n)
{
	struct debug *d = io;

	if (gdb_sock_write(d->fd, p, n) != 0) {
		d->gone = 1;
		return -1;
	}
	return 0;
}

/* Bytes from gdb while the guest runs: only a Ctrl-C means anything. */
static int
io_poll_break(void *io)
{
	struct debug *d = io;
	int rc;

	if (d->gone)
		return 1;
	if ((rc = gdb_sock_break(d->fd)) != 0) {
		d->gone = rc < 0;
		return 1;
	}
	return d->m->stop_req && d->m->err.kind == EMU_E_NONE &&
	    !at_end(d);
}

/* Before the plain run loop takes over: show output from here on. */
static int
hand_back(struct debug *d, char *err, size_t errlen)
{
	int brk = 0;

	if (d->quiet) {
		(void)run_to(d, d->high, 0, &brk);
		if (d->quiet && !at_end(d) && gate_renew(d, NULL, 0,
		    UINT64_MAX, err, errlen) != 0)
			return -1;
	}
	return 0;
}

int
debug_serve(struct machine *m, const struct debug_config *c, int *end,
    char *err, size_t errlen)
{
	struct gdb_session gs;
	struct debug *d;
	struct pollfd pfd;
	uint8_t buf[4096];
	ssize_t k;
	char name[300];
	int lfd, res = DEBUG_KILLED;

	*end = 0;
	if ((lfd = gdb_listen(c->addr, name, sizeof(name), err,
	    errlen)) < 0)
		return DEBUG_FAILED;
	if ((d = debug_new(m, c, err, errlen)) == NULL) {
		close(lfd);
		if (strchr(c->addr, '/') != NULL)
			(void)unlink(c->addr);
		return DEBUG_FAILED;
	}
	/* The front end says where, or is told (rremu debug starts gdb). */
	if (m->hooks != NULL && m->hooks->gdb_ready != NULL)
		m->hooks->gdb_ready(m->hooks->ready_arg, name);
	else
		fprintf(stderr, "rremu: waiting for gdb on %s\n", name);
	for (;;) {
		d->fd = accept(lfd, NULL, NULL);
		if (d->fd >= 0 || errno != EINTR || m->stop_req)
			break;
	}
	close(lfd);
	if (strchr(c->addr, '/') != NULL)
		(void)unlink(c->addr);
	if (d->fd < 0) {
		/* A signal while waiting stops rremu as it stops a run. */
		res = m->stop_req ? DEBUG_KILLED : DEBUG_FAILED;
		snprintf(err, errlen, "%s: %s", c->addr, m->stop_req ?
		    "stopped while waiting for gdb" : strerror(errno));
		debug_free(d);
		return res;
	}
	gdb_session_init(&gs, &debug_ops, d, d->replay);
	gs.write = io_write;
	gs.poll_break = io_poll_break;
	gs.io = d;
	d->gs = &gs;
	pfd.fd = d->fd;
	pfd.events = POLLIN;
	while (!d->gone && gs.event == GDB_EV_NONE) {
		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR && !m->stop_req)
				continue;
			break;
		}
		k = recv(d->fd, buf, sizeof(buf), 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (gdb_session_feed(&gs, buf, (size_t)k) != 0)
			break;
	}
	if (gs.event == GDB_EV_DETACH) {
		res = DEBUG_DETACHED;
		if (hand_back(d, err, errlen) != 0)
			res = DEBUG_FAILED;
	}
	*end = at_end(d);
	close(d->fd);
	debug_free(d);
	return res;
}
