/*
 * The record/replay gate: every non-deterministic value enters the
 * machine here.  Record takes it from the host and logs it with the
 * instruction count; replay takes it from the log, never from the host,
 * and checks that the guest asks for the same things at the same counts.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "gate.h"
#include "pin.h"
#include "semihost.h"
#include "shhost.h"
#include "devkit.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

#define OUT_FLUSH	256		/* output bytes per OUTPUT event */
#define HOST_OUT	4096
/*
 * Host input is looked at whenever the hart waits in WFI, and at every
 * multiple of POLL instructions: a grid that depends on nothing but the
 * instruction count, so a run resumed from any snapshot, even one a
 * replay took, looks at its input at the same counts as one that never
 * stopped.
 */
#define POLL		16384
#define ESC_CHAR	0x01		/* ^A, then x: stop */

struct gate {
	struct gate_config c;
	struct rr_header hdr;

	/* output not yet logged (record) or checked (replay) */
	uint8_t		 out[OUT_FLUSH];
	size_t		 nout;
	uint32_t	 out_dev;	/* whose bytes: RR_DEV_UART, RR_DEV_SEMIHOST */
	/* output on its way to the host */
	uint8_t		 host[HOST_OUT];
	size_t		 nhost;
	int		 host_errno;	/* a write of guest output failed */

	/* host input not yet delivered (run/record) */
	uint8_t		 in[4096];
	size_t		 nin, inpos;
	int		 in_eof;
	int		 esc;
	int		 request;	/* 's' or 'i' asked from the terminal */
	uint64_t	 next_poll;

	uint64_t	 next_ckpt, next_key;	/* record */

	/* semihosting's host half (run/record) */
	int		 sh_root;	/* the root folder, or -1 */
	uint64_t	 sh_start;	/* host monotonic ns at attach */

	/* replay: the next log event, read ahead */
	struct rr_event	 ev;
	int		 have_ev;
	int		 log_done;	/* END seen */
	uint32_t	 end_reason;
	int64_t		 end_status;
	uint64_t	 nevents;
	uint64_t	 next_event;	/* number of the first event not yet
					   taken; valid once one was read */
	int		 next_known;
	uint64_t	 agreed;	/* icount of the last matching checkpoint */
	uint32_t	 div_parts[RR_PARTS_MAX];	/* a checkpoint that */
	uint32_t	 ndiv_parts;	/* differed: the parts, by id */
	int		 truncated;	/* the log ran out: it was never closed */
	int		 at_gap;	/* stopped at a GAP: events missing */
	struct rr_event	 gap;		/* ... that event (no payload) */
	struct rr_error	 trunc;		/* ... where, as the reader said */
	int		 failed;
};

/* ---- helpers ---- */

static void
host_flush(struct gate *g)
{
	size_t off = 0;
	ssize_t k;

	while (off < g->nhost && g->c.out_fd >= 0) {
		k = write(g->c.out_fd, g->host + off, g->nhost - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			/* The guest does not see it; rremu reports it. */
			if (g->host_errno == 0)
				g->host_errno = k < 0 ? errno : EIO;
			break;
		}
		off += (size_t)k;
	}
	g->nhost = 0;
}

static int
diverge(struct machine *m, uint64_t event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Replay parted from the recording: say where and stop the machine.
 * event: the log event concerned, or RR_NO_EVENT.  The first divergence
 * is the one reported.
 */
static int
diverge(struct machine *m, uint64_t event, const char *fmt, ...)
{
	struct gate *g = m->gate;
	char what[160], pc[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!g->failed)
		emu_fail(m, EMU_E_DIVERGED, event, RR_NO_OFFSET,
		    "divergence at icount %llu (pc %s): %s; "
		    "state last agreed at icount %llu",
		    (unsigned long long)m->icount,
		    emu_addr_text(m, m->cpu.pc, pc, sizeof(pc)), what,
		    (unsigned long long)g->agreed);
	g->failed = 1;
	m->stop_req = 1;
	return -1;
}

/* The log could not be read or written: its error, with its position. */
static int
log_fail(struct machine *m, const char *what)
{
	struct gate *g = m->gate;
	const struct rr_error *e;

	e = g->c.mode == GATE_RECORD ? rr_writer_error(g->c.w) :
	    rr_reader_error(g->c.r);
	emu_fail(m, EMU_E_LOG, e->event, e->offset, "%s%s%.200s",
	    what != NULL ? what : "", what != NULL ? ": " : "", e->msg);
	m->err.lib_kind = e->kind;
	g->failed = 1;
	m->stop_req = 1;
	return -1;
}

/* Replay: the event in g->ev is taken (checked, applied). */
static void
consume(struct gate *g)
{
	g->have_ev = 0;
	g->nevents++;
	g->next_event = g->ev.number + 1;
	g->next_known = 1;
}

/* Replay: make sure g->ev holds the next event (or the log is over). */
static int
peek(struct machine *m)
{
	struct gate *g = m->gate;
	int rc;

	if (g->have_ev || g->log_done)
		return 0;
	rc = rr_reader_next(g->c.r, &g->ev);
	if (rc == RR_EOF) {
		g->log_done = 1;
		return 0;
	}
	if (rc != RR_OK && rr_reader_error(g->c.r)->kind == RR_E_TRUNCATED) {
		/*
		 * A recording that was killed: everything up to here was
		 * checked, and past here there is nothing to check against.
		 * Stop at the end of this instruction.
		 */
		g->log_done = g->truncated = 1;
		g->trunc = *rr_reader_error(g->c.r);
		m->stop_req = 1;
		m->brk = 1;
		return 0;
	}
	if (rc != RR_OK)
		return log_fail(m, NULL);
	/* Marks annotate; they never drive the guest. */
	if (g->ev.kind == RR_EV_MARK) {
		consume(g);
		return peek(m);
	}
	if (g->ev.kind == RR_EV_END) {
		g->end_reason = g->ev.subkind;
		g->end_status = g->ev.status;
	}
	g->have_ev = 1;
	return 0;
}

static const char *
kname(uint32_t kind)
{
	const char *n = rr_kind_name(kind);

	return n != NULL ? n : "unknown";
}

/* Replay: take the next event, which must be this kind at this icount. */
static const struct rr_event *
take(struct machine *m, uint32_t kind)
{
	struct gate *g = m->gate;

	if (g->failed || peek(m) != 0)
		return NULL;
	if (!g->have_ev) {
		if (!g->truncated)
			diverge(m, RR_NO_EVENT, "guest wants %s, the log "
			    "has ended",
			    kname(kind));
		return NULL;
	}
	if (g->ev.kind != kind || g->ev.icount != m->icount) {
		diverge(m, g->ev.number, "guest wants %s, log has %s at "
		    "icount %llu "
		    "(event %llu)", kname(kind), kname(g->ev.kind),
		    (unsigned long long)g->ev.icount,
		    (unsigned long long)g->ev.number);
		return NULL;
	}
	consume(g);
	return &g->ev;
}

/*
 * The kinds a device takes while an instruction executes (synchronous),
 * as opposed to those the gate applies at an instruction boundary.
 */
static int
sync_kind(uint32_t kind)
{
	return kind == RR_EV_CLOCK || kind == RR_EV_ENTROPY ||
	    kind == RR_EV_OUTPUT || kind == RR_EV_SEMIHOST;
}

/* Synchronous events can uncover a due event: end the slice for it. */
static void
after_sync(struct machine *m)
{
	struct gate *g = m->gate;

	if (peek(m) == 0 && g->have_ev && !sync_kind(g->ev.kind))
		m->brk = 1;
}

/*
 * Output bytes become one OUTPUT event at points that depend only on
 * what the guest does: a newline, a full buffer, before a clock or
 * entropy read, and at the end.  Not before checkpoints, keyframes or
 * bottom halves: replay reaches those by stopping the hart at their
 * icount, and an OUTPUT event there would be one it cannot see coming.
 * Bytes still pending at a keyframe or snapshot are saved with it.
 */
static int
out_flush(struct machine *m)
{
	struct gate *g = m->gate;
	const struct rr_event *ev;

	if (g->nout == 0 || g->failed)
		return g->failed ? -1 : 0;
	if (g->c.mode == GATE_RECORD) {
		if (rr_writer_output(g->c.w, m->icount, g->out_dev, g->out,
		    g->nout) != RR_OK)
			return log_fail(m, "cannot write");
	} else if (g->c.mode == GATE_REPLAY) {
		if ((ev = take(m, RR_EV_OUTPUT)) == NULL)
			return -1;
		if (ev->device != g->out_dev || ev->len != g->nout ||
		    memcmp(ev->data, g->out, g->nout))
			return diverge(m, ev->number, "guest output differs "
			    "from the "
			    "recording (event %llu)",
			    (unsigned long long)ev->number);
	}
	g->nout = 0;
	return 0;
}

/*
 * Run/record: the number the next event will have in the log being
 * recorded (RR_NO_EVENT: none is), to say where pinned values parted.
 */
static uint64_t
next_number(const struct gate *g)
{
	return g != NULL && g->c.mode == GATE_RECORD ?
	    rr_writer_events(g->c.w) : RR_NO_EVENT;
}

/* A pinned source failed (m->err says why): stop, as on a log error. */
static int
pin_failed(struct machine *m)
{
	if (m->gate != NULL)
		m->gate->failed = 1;
	m->stop_req = 1;
	return 0;
}

/* ---- the door ---- */

uint64_t
gate_clock(struct machine *m)
{
	struct gate *g = m->gate;
	const struct rr_event *ev;
	struct timespec ts;
	uint64_t ns;
	int rc;

	if (g != NULL && g->c.mode == GATE_REPLAY) {
		if (out_flush(m) != 0 || (ev = take(m, RR_EV_CLOCK)) == NULL)
			return 0;
		ns = ev->value;
		after_sync(m);
		return ns;
	}
	if (g != NULL && g->nout > 0 && out_flush(m) != 0)
		return 0;
	if ((rc = pin_clock(g != NULL ? g->c.pin : NULL, m, next_number(g),
	    &ns)) < 0)
		return pin_failed(m);
	if (rc == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ns = (uint64_t)ts.tv_sec * 1000000000ull +
		    (uint64_t)ts.tv_nsec;
	}
	if (g != NULL && g->c.mode == GATE_RECORD) {
		if (rr_writer_clock(g->c.w, m->icount, ns) != RR_OK)
			log_fail(m, "cannot write");
	}
	return ns;
}

uint32_t
gate_entropy(struct machine *m)
{
	struct gate *g = m->gate;
	const struct rr_event *ev;
	uint16_t r = 0;
	uint32_t v;
	int rc;

	if (g != NULL && g->c.mode == GATE_REPLAY) {
		if (out_flush(m) != 0 || (ev = take(m, RR_EV_ENTROPY)) == NULL)
			return 0;
		v = (uint32_t)ev->value;
		after_sync(m);
		return v;
	}
	if (g != NULL && g->nout > 0 && out_flush(m) != 0)
		return 0;
	if ((rc = pin_entropy(g != NULL ? g->c.pin : NULL, m,
	    next_number(g), &v)) < 0)
		return pin_failed(m);
	if (rc == 0) {
		while (getrandom(&r, sizeof(r), 0) < 0 && errno == EINTR)
			;
		v = (2u << 30) | r;	/* OPST = ES16: 16 bits of entropy */
	}
	if (g != NULL && g->c.mode == GATE_RECORD) {
		if (rr_writer_entropy(g->c.w, m->icount, v) != RR_OK)
			log_fail(m, "cannot write");
	}
	return v;
}

void
gate_output(struct machine *m, uint32_t dev, uint8_t c)
{
	struct gate *g = m->gate;

	if (g == NULL) {
		(void)!write(STDOUT_FILENO, &c, 1);
		return;
	}
	/* One device's bytes an event: the UART's and the console's. */
	if (dev != g->out_dev) {
		if (g->nout > 0) {
			out_flush(m);
			if (g->c.mode == GATE_REPLAY)
				after_sync(m);
		}
		g->out_dev = dev;
	}
	if (g->c.out_fd >= 0) {
		g->host[g->nhost++] = c;
		if (g->nhost == HOST_OUT || c == '\n')
			host_flush(g);
	}
	/*
	 * A plain run keeps the same pending output as a recording would
	 * (nothing is logged), so its snapshots resume a recording right.
	 */
	g->out[g->nout++] = c;
	if (g->nout == OUT_FLUSH || c == '\n') {
		out_flush(m);
		if (g->c.mode == GATE_REPLAY)
			after_sync(m);
	}
}

/* ---- semihosting ---- */

static int console_read(struct machine *m, struct sh_query *q);

int
gate_semihost(struct machine *m, struct sh_query *q)
{
	struct gate *g = m->gate;
	const struct rr_event *ev;
	int rc;

	q->result = 0;
	q->err = 0;
	q->len = 0;
	if (g != NULL && g->c.mode == GATE_REPLAY) {
		if (out_flush(m) != 0 || (ev = take(m, RR_EV_SEMIHOST)) ==
		    NULL)
			return -1;
		if (ev->subkind != q->op || ev->len > q->want)
			return diverge(m, ev->number, "semihosting call 0x%02x "
			    "(room for %zu bytes), the recording has call "
			    "0x%02x with %zu bytes (event %llu)", q->op,
			    q->want, ev->subkind, ev->len,
			    (unsigned long long)ev->number);
		q->result = ev->status;
		q->err = (uint32_t)ev->value;
		if (ev->len > 0)
			memcpy(q->data, ev->data, ev->len);
		q->len = ev->len;
		after_sync(m);
		return 0;
	}
	/* Output before the call goes first, as a replay checks it. */
	if (g != NULL && g->nout > 0 && out_flush(m) != 0)
		return -1;
	if ((q->op == SH_READ || q->op == SH_READC) && q->path == NULL) {
		if (console_read(m, q) != 0)
			return -1;
	} else if ((rc = pin_semihost(g != NULL ? g->c.pin : NULL, m,
	    next_number(g), q->op, &q->result)) < 0) {
		pin_failed(m);
		return -1;
	} else if (rc == 0)
		shhost_answer(q, g != NULL ? g->sh_root : -1,
		    g != NULL ? g->sh_start : shhost_now(),
		    g != NULL ? g->c.sh_cmdline : NULL);
	if (g != NULL && g->c.mode == GATE_RECORD &&
	    rr_writer_semihost(g->c.w, m->icount, q->op, q->result, q->err,
	    q->data, q->len) != RR_OK)
		return log_fail(m, "cannot write");
	return 0;
}

/* ---- host input ---- */

/* Read what the host has (block if asked); 0 when nothing more comes. */
static void
host_read(struct machine *m, int block)
{
	struct gate *g = m->gate;
	struct pollfd pfd;
	ssize_t k;
	size_t i, j;

	if (g->c.in_fd < 0 || g->in_eof || g->nin > 0)
		return;
	if (block) {
		host_flush(g);
		/*
		 * The guest waits for a person: put what was recorded so
		 * far on disk, so a recorder killed now loses nothing.
		 */
		if (g->c.mode == GATE_RECORD && rr_writer_flush(g->c.w) !=
		    RR_OK) {
			log_fail(m, "cannot write");
			return;
		}
	}
	pfd.fd = g->c.in_fd;
	pfd.events = POLLIN;
again:
	for (;;) {
		if (m->stop_req)
			return;
		k = poll(&pfd, 1, block ? 200 : 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k == 0 && block)
			continue;
		if (k <= 0)
			return;
		break;
	}
	k = read(g->c.in_fd, g->in, sizeof(g->in));
	if (k <= 0) {
		if (k == 0 || (errno != EINTR && errno != EAGAIN))
			g->in_eof = 1;
		return;
	}
	g->nin = (size_t)k;
	g->inpos = 0;
	if (!g->c.escape)
		return;
	/* ^A x stops the run; ^A ^A sends one ^A. */
	for (i = j = 0; i < g->nin; i++) {
		uint8_t c = g->in[i];

		if (g->esc) {
			g->esc = 0;
			if (c == 'x' || c == 'X') {
				m->stop_req = 1;
				m->brk = 1;
				continue;
			}
			/* ^A s: snapshot and go on; ^A i: where are we. */
			if (c == 's' || c == 'S' || c == 'i' || c == 'I') {
				g->request = c | 0x20;
				m->stop_req = 1;
				m->brk = 1;
				continue;
			}
			if (c != ESC_CHAR)
				continue;
		} else if (c == ESC_CHAR) {
			g->esc = 1;
			continue;
		}
		g->in[j++] = c;
	}
	g->nin = j;
	/*
	 * Keys that were all escapes (a ^A typed on its own, say) leave
	 * nothing for the guest: a waiting guest must go on waiting.
	 */
	if (block && j == 0 && !m->stop_req)
		goto again;
}

/* Run/record: hand the UART what fits, as one bottom half. */
static int
deliver_input(struct machine *m, int idle)
{
	struct gate *g = m->gate;
	uint32_t dev, kind;
	size_t room, n;

	host_read(m, idle);
	if (g->nin == 0)
		return 0;
	room = machine_rx_room(m, &dev, &kind);
	n = g->nin - g->inpos < room ? g->nin - g->inpos : room;
	if (n == 0)
		return 0;
	if (g->c.mode == GATE_RECORD) {
		if (rr_writer_bh(g->c.w, m->icount, dev, kind, g->in + g->inpos,
		    n) != RR_OK)
			return log_fail(m, "cannot write");
	}
	if (machine_bh_deliver(m, dev, kind, g->in + g->inpos, n) != 0)
		return -1;
	g->inpos += n;
	if (g->inpos == g->nin)
		g->nin = g->inpos = 0;
	return 0;
}

/*
 * Run/record: the console's input for a semihosting read, waiting for
 * it.  No byte: the input has ended.  -1: a stop came while waiting (the
 * call is made again when the run goes on).
 */
static int
console_read(struct machine *m, struct sh_query *q)
{
	struct gate *g = m->gate;
	size_t n;

	if (g == NULL)
		return 0;
	host_read(m, 1);
	if (g->nin == 0) {
		if (g->c.in_fd >= 0 && !g->in_eof && m->stop_req)
			return -1;
		return 0;
	}
	n = g->nin - g->inpos < q->want ? g->nin - g->inpos : q->want;
	memcpy(q->data, g->in + g->inpos, n);
	q->len = n;
	g->inpos += n;
	if (g->inpos == g->nin)
		g->nin = g->inpos = 0;
	return 0;
}

/* ---- checkpoints and keyframes ---- */

static int
keyframe_bytes(struct machine *m, uint8_t **buf, size_t *len)
{
	struct gate *g = m->gate;
	struct rr_snap *s;
	int rc;

	if (machine_save(m, &g->hdr, &s) != 0) {
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "cannot take a keyframe");
	}
	rc = gate_snap_save(m, s) == 0 &&
	    rr_snap_encode(s, buf, len) == RR_OK ? 0 : -1;
	rr_snap_free(s);
	if (rc != 0)
		emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "cannot encode a keyframe");
	return rc;
}

static int
record_checkpoint(struct machine *m)
{
	struct gate *g = m->gate;
	struct rr_part parts[RR_PARTS_MAX];
	uint32_t n = RR_PARTS_MAX;
	uint64_t h;

	h = machine_hash(m, parts, &n);
	if (rr_writer_checkpoint(g->c.w, m->icount, h, parts, n) != RR_OK)
		return log_fail(m, "cannot write");
	return 0;
}

static int
record_keyframe(struct machine *m)
{
	struct gate *g = m->gate;
	uint8_t *buf;
	size_t len;
	int rc;

	if (keyframe_bytes(m, &buf, &len) != 0)
		return -1;
	rc = rr_writer_keyframe(g->c.w, m->icount, buf, len);
	free(buf);
	return rc == RR_OK ? 0 : log_fail(m, "cannot write");
}

/* Name the parts that differ, with RAM regions as address ranges. */
static void
describe_parts(struct machine *m, const struct rr_event *ev, char *buf,
    size_t len)
{
	struct rr_part parts[RR_PARTS_MAX];
	uint32_t n = RR_PARTS_MAX, i, j, r;
	uint64_t lo, hi;
	size_t off = 0;
	char name[32];

	(void)machine_hash(m, parts, &n);
	buf[0] = '\0';
	for (i = 0; i < ev->nparts; i++) {
		for (j = 0; j < n && parts[j].id != ev->parts[i].id; j++)
			;
		if (j < n && parts[j].hash == ev->parts[i].hash)
			continue;
		if (m->gate->ndiv_parts < RR_PARTS_MAX)
			m->gate->div_parts[m->gate->ndiv_parts++] =
			    ev->parts[i].id;
		rr_part_name(ev->parts[i].id, name, sizeof(name));
		if (ev->parts[i].id >= RR_PART_RAM0 &&
		    ev->parts[i].id < RR_PART_RAM0 + RAM_REGIONS) {
			/* The pages of region r, as emu/hash.c splits RAM. */
			r = ev->parts[i].id - RR_PART_RAM0;
			lo = m->ram_base + (uint64_t)m->npages * r /
			    RAM_REGIONS * PAGE_SIZE;
			hi = m->ram_base + (uint64_t)m->npages * (r + 1) /
			    RAM_REGIONS * PAGE_SIZE;
			off += (size_t)snprintf(buf + off, len - off,
			    "%s%s (0x%08llx-0x%08llx)", off ? ", " : "", name,
			    (unsigned long long)lo,
			    (unsigned long long)(hi - 1));
		} else
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
			    off ? ", " : "", name);
		if (off >= len)
			break;
	}
}

static int
replay_checkpoint(struct machine *m, const struct rr_event *ev)
{
	uint64_t h;
	char what[160];

	h = machine_hash(m, NULL, NULL);
	if (h == ev->value) {
		m->gate->agreed = m->icount;
		return 0;
	}
	describe_parts(m, ev, what, sizeof(what));
	return diverge(m, ev->number, "state differs from the recording's "
	    "checkpoint "
	    "(event %llu) in %s", (unsigned long long)ev->number,
	    what[0] ? what : "unknown part");
}

static int
replay_keyframe(struct machine *m, const struct rr_event *ev)
{
	struct rr_snap *s;
	struct rr_error err;
	uint64_t want, h;

	/* Only its hash is wanted: no copy of a keyframe of all RAM. */
	if (rr_snap_decode_borrowed(&s, ev->data, ev->len, &err) != RR_OK)
		return diverge(m, ev->number, "keyframe (event %llu) "
		    "unreadable: %s",
		    (unsigned long long)ev->number, err.msg);
	want = rr_snap_meta(s)->state_hash;
	rr_snap_free(s);
	rr_reader_trim(m->gate->c.r);	/* its bytes are not needed again */
	h = machine_hash(m, NULL, NULL);
	if (h != want)
		return diverge(m, ev->number, "state hash 0x%016llx, keyframe "
		    "(event %llu) "
		    "has 0x%016llx", (unsigned long long)h,
		    (unsigned long long)ev->number, (unsigned long long)want);
	return 0;
}

/* ---- scheduling ---- */

static uint64_t
next_multiple(uint64_t now, uint64_t step)
{
	if (step == 0 || now > UINT64_MAX - step)
		return UINT64_MAX;
	return (now / step + 1) * step;
}

uint64_t
gate_due(struct machine *m)
{
	struct gate *g = m->gate;
	uint64_t due;

	if (g == NULL)
		return UINT64_MAX;
	if (g->c.mode == GATE_REPLAY) {
		if (g->failed)
			return UINT64_MAX;
		if (peek(m) != 0 || !g->have_ev)
			return UINT64_MAX;
		if (sync_kind(g->ev.kind)) {
			/*
			 * Taken by the device that asks, during instruction
			 * ev.icount.  A guest that runs past it without
			 * asking has diverged; stopping to look after every
			 * such event would slow replay, so look at each
			 * checkpoint's icount: a divergence is found no
			 * later than the checkpoint it hides.
			 */
			if (g->ev.icount < m->icount)
				return m->icount;
			return next_multiple(m->icount,
			    g->hdr.checkpoint_interval);
		}
		return g->ev.icount < m->icount ? m->icount : g->ev.icount;
	}
	/*
	 * No input, or its end was read: no poll can find any, so none ends
	 * a slice.  next_poll stays on the grid for snapshots (a run resumed
	 * with input of its own looks at it at once).
	 */
	due = g->c.in_fd < 0 || g->in_eof || m->sh.on ? UINT64_MAX :
	    g->next_poll;
	if (g->c.mode == GATE_RECORD) {
		if (g->next_ckpt < due)
			due = g->next_ckpt;
		if (g->next_key < due)
			due = g->next_key;
	}
	return due;
}

static int
replay_service(struct machine *m)
{
	struct gate *g = m->gate;
	struct rr_event *ev = &g->ev;

	while (!g->failed) {
		if (peek(m) != 0)
			return -1;
		if (!g->have_ev)
			return 0;
		if (sync_kind(ev->kind)) {
			if (ev->icount < m->icount)
				return diverge(m, ev->number, "the recording "
				    "has %s at "
				    "icount %llu (event %llu), the guest did "
				    "not ask for it", kname(ev->kind),
				    (unsigned long long)ev->icount,
				    (unsigned long long)ev->number);
			return 0;
		}
		if (ev->icount > m->icount)
			return 0;
		if (ev->icount < m->icount)
			return diverge(m, ev->number, "the recording has %s "
			    "at icount %llu "
			    "(event %llu), already passed", kname(ev->kind),
			    (unsigned long long)ev->icount,
			    (unsigned long long)ev->number);
		if (ev->kind == RR_EV_END || ev->kind == RR_EV_GAP) {
			/*
			 * The recording stopped here: so do we.  Output it
			 * left pending was not logged (gate_finish).  At a
			 * gap the events that follow are missing: stop as
			 * at an END that is not the guest's exit.
			 */
			if (ev->kind == RR_EV_GAP) {
				g->at_gap = 1;
				g->gap = *ev;
				g->gap.data = g->gap.raw = NULL;
				g->end_reason = RR_END_STOPPED;
			}
			g->log_done = 1;
			consume(g);
			m->stop_req = 1;
			m->brk = 1;
			return 0;
		}
		consume(g);
		switch (ev->kind) {
		case RR_EV_BH:
			if (machine_bh_deliver(m, ev->device, ev->subkind,
			    ev->data, ev->len) != 0)
				return diverge(m, ev->number, "bottom half "
				    "(event %llu) not deliverable: %s",
				    (unsigned long long)ev->number,
				    m->err.msg);
			break;
		case RR_EV_CHECKPOINT:
			if (replay_checkpoint(m, ev) != 0)
				return -1;
			break;
		case RR_EV_KEYFRAME:
			if (replay_keyframe(m, ev) != 0)
				return -1;
			break;
		default:
			/* A kind from a newer version: it drove nothing we
			   know of, so there is nothing to reproduce. */
			break;
		}
	}
	return -1;
}

int
gate_service(struct machine *m, int idle)
{
	struct gate *g = m->gate;

	if (g == NULL)
		return 0;
	if (g->c.mode == GATE_REPLAY)
		return replay_service(m) != 0 || g->failed ? -1 : 0;
	if (g->c.mode == GATE_RECORD) {
		if (m->icount >= g->next_ckpt) {
			if (record_checkpoint(m) != 0)
				return -1;
			g->next_ckpt = next_multiple(m->icount,
			    g->hdr.checkpoint_interval);
		}
		if (m->icount >= g->next_key) {
			if (record_keyframe(m) != 0)
				return -1;
			g->next_key = next_multiple(m->icount,
			    g->hdr.keyframe_interval);
		}
	}
	/* Under semihosting the host's input is the console's (below). */
	if ((m->icount >= g->next_poll || idle) && !m->sh.on) {
		if (deliver_input(m, idle) != 0)
			return -1;
		g->next_poll = next_multiple(m->icount, POLL);
	}
	return g->failed ? -1 : 0;
}

/* ---- life cycle ---- */

int
gate_attach(struct machine *m, const struct gate_config *c)
{
	struct gate *g;
	char err[200];

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "out of memory");
	g->c = *c;
	if (c->hdr != NULL)
		g->hdr = *c->hdr;
	else
		machine_header(m, &g->hdr);
	/* The next point of the grid, this one if it is on it. */
	g->next_poll = m->icount % POLL == 0 ? m->icount :
	    next_multiple(m->icount, POLL);
	g->agreed = m->icount;	/* the start state is the recording's */
	/* Record: the intervals the log's header gives. */
	g->next_ckpt = c->mode == GATE_RECORD ? next_multiple(m->icount,
	    g->hdr.checkpoint_interval) : UINT64_MAX;
	g->next_key = c->mode == GATE_RECORD ? next_multiple(m->icount,
	    g->hdr.keyframe_interval) : UINT64_MAX;
	g->out_dev = RR_DEV_UART;
	g->sh_root = -1;
	g->sh_start = shhost_now();
	m->gate = g;
	if (c->mode != GATE_REPLAY && c->sh_root != NULL &&
	    (g->sh_root = shhost_root(c->sh_root)) < 0) {
		gate_detach(m);
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "semihosting root %.150s: %s", c->sh_root,
		    strerror(errno));
	}
	if (c->resume != NULL && gate_snap_load(m, c->resume, err,
	    sizeof(err)) != 0) {
		gate_detach(m);
		return emu_fail(m, EMU_E_MACHINE, RR_NO_EVENT, RR_NO_OFFSET,
		    "%s", err);
	}
	if (c->mode == GATE_RECORD && record_keyframe(m) != 0) {
		gate_detach(m);
		return -1;
	}
	return 0;
}

void
gate_detach(struct machine *m)
{
	struct gate *g = m->gate;

	if (g == NULL)
		return;
	host_flush(g);
	if (g->sh_root >= 0)
		close(g->sh_root);
	free(g);
	m->gate = NULL;
}

int
gate_finish(struct machine *m, int64_t status, int ended)
{
	struct gate *g = m->gate;
	const struct rr_event *ev;

	if (g == NULL)
		return 0;
	host_flush(g);
	if (g->failed)
		return -1;
	/*
	 * Output pending when the guest exits goes in the log.  At any
	 * other end (a stop, a limit) it stays pending, as in a snapshot
	 * taken there, so that a recording resumed from that snapshot
	 * neither repeats it nor loses it.
	 */
	if (g->c.mode == GATE_RECORD)
		return ended && out_flush(m) != 0 ? -1 : record_checkpoint(m);
	if (g->c.mode != GATE_REPLAY)
		return 0;
	if (replay_service(m) != 0 || (ended && out_flush(m) != 0) ||
	    replay_service(m) != 0)
		return -1;
	if (g->log_done) {
		if (ended && status != g->end_status)
			return diverge(m, RR_NO_EVENT, "guest exit status "
			    "%lld, recorded "
			    "%lld", (long long)status,
			    (long long)g->end_status);
		return 0;
	}
	if (peek(m) != 0)
		return -1;
	if (g->have_ev) {
		ev = &g->ev;
		return diverge(m, ev->number, "run ended, the recording goes "
		    "on with %s "
		    "at icount %llu (event %llu)", kname(ev->kind),
		    (unsigned long long)ev->icount,
		    (unsigned long long)ev->number);
	}
	return 0;
}

const struct rr_error *
gate_replay_truncated(const struct machine *m)
{
	return m->gate != NULL && m->gate->truncated ? &m->gate->trunc : NULL;
}

const struct rr_event *
gate_replay_gap(const struct machine *m)
{
	return m->gate != NULL && m->gate->at_gap ? &m->gate->gap : NULL;
}

int
gate_replay_end(const struct machine *m, uint32_t *reason, int64_t *status)
{
	const struct gate *g = m->gate;

	if (g == NULL || !g->log_done || g->truncated)
		return 0;
	*reason = g->end_reason;
	*status = g->end_status;
	return 1;
}

int
gate_take_request(struct machine *m)
{
	int r;

	if (m->gate == NULL)
		return 0;
	r = m->gate->request;
	m->gate->request = 0;
	return r;
}

int
gate_host_errno(const struct machine *m)
{
	if (m->gate == NULL)
		return 0;
	host_flush(m->gate);
	return m->gate->host_errno;
}

uint64_t
gate_events(const struct machine *m)
{
	return m->gate != NULL ? m->gate->nevents : 0;
}

uint64_t
gate_agreed(const struct machine *m)
{
	return m->gate != NULL ? m->gate->agreed : 0;
}

uint32_t
gate_diverged_parts(const struct machine *m, const uint32_t **ids)
{
	*ids = m->gate != NULL ? m->gate->div_parts : NULL;
	return m->gate != NULL ? m->gate->ndiv_parts : 0;
}

int
gate_snap_save(const struct machine *m, struct rr_snap *s)
{
	const struct gate *g = m->gate;

	if (rr_snap_begin(s, "gate") != RR_OK ||
	    rr_snap_put_bytes(s, "output_pending", g != NULL ? g->out :
	    NULL, g != NULL ? g->nout : 0) != RR_OK)
		return -1;
	/* Whose they are, when not the UART's (absent: the UART's). */
	if (g != NULL && g->nout > 0 && g->out_dev != RR_DEV_UART &&
	    rr_snap_put_u64(s, "output_device", g->out_dev) != RR_OK)
		return -1;
	/*
	 * When the host's input is next looked at: a recording resumed
	 * from here with the input that follows takes it at the same
	 * instruction counts as one that never stopped.  A replay does
	 * not know it (the log has no polls, only deliveries).
	 */
	if (g != NULL && g->c.mode != GATE_REPLAY &&
	    rr_snap_put_u64(s, "next_poll", g->next_poll) != RR_OK)
		return -1;
	/* How many host values pinned sources gave (emu/pin.c). */
	if (g != NULL && g->c.mode != GATE_REPLAY &&
	    pin_snap_save(g->c.pin, s) != 0)
		return -1;
	/*
	 * Where this state is in the log: the number of the first event
	 * not yet applied to it.  Events at the snapshot's icount may lie
	 * on either side, so a replay resumed from here seeks to this
	 * event, not to the icount.
	 */
	if (g != NULL && g->c.mode == GATE_RECORD)
		return rr_snap_put_u64(s, "next_event",
		    rr_writer_events(g->c.w)) == RR_OK ? 0 : -1;
	if (g != NULL && g->c.mode == GATE_REPLAY &&
	    (g->have_ev || g->next_known))
		return rr_snap_put_u64(s, "next_event", g->have_ev ?
		    g->ev.number : g->next_event) == RR_OK ? 0 : -1;
	return 0;
}

int
gate_snap_next_event(const struct rr_snap *s, uint64_t *n)
{
	struct rr_error e;
	long sec;

	if ((sec = rr_snap_find(s, "gate")) < 0 ||
	    !snap_has(s, (size_t)sec, "next_event"))
		return 0;
	return rr_snap_get_u64(s, (size_t)sec, "next_event", n, &e) ==
	    RR_OK ? 1 : -1;
}

int
gate_snap_load(struct machine *m, const struct rr_snap *s, char *err,
    size_t errlen)
{
	struct gate *g = m->gate;
	struct rr_error e;
	const uint8_t *p;
	uint64_t poll, dev;
	size_t n;
	long sec;

	if ((sec = rr_snap_find(s, "gate")) < 0)
		return 0;	/* no output was pending */
	if (rr_snap_get_bytes(s, (size_t)sec, "output_pending", &p, &n,
	    &e) != RR_OK) {
		snprintf(err, errlen, "gate: %s", e.msg);
		return -1;
	}
	if (n >= OUT_FLUSH) {
		snprintf(err, errlen, "gate: %zu output bytes pending, at most "
		    "%u", n, OUT_FLUSH - 1);
		return -1;
	}
	dev = RR_DEV_UART;
	if (snap_has(s, (size_t)sec, "output_device") &&
	    (rr_snap_get_u64(s, (size_t)sec, "output_device", &dev, &e) !=
	    RR_OK || (dev != RR_DEV_UART && dev != RR_DEV_SEMIHOST))) {
		snprintf(err, errlen, "gate: output_device: not a device "
		    "with output");
		return -1;
	}
	if (g != NULL && n > 0) {
		memcpy(g->out, p, n);
		g->nout = n;
		g->out_dev = (uint32_t)dev;
	}
	if (!snap_has(s, (size_t)sec, "next_poll"))
		return 0;	/* a replay's snapshot: look at input at once */
	if (rr_snap_get_u64(s, (size_t)sec, "next_poll", &poll, &e) !=
	    RR_OK) {
		snprintf(err, errlen, "gate: %s", e.msg);
		return -1;
	}
	if (g != NULL && g->c.mode != GATE_REPLAY)
		g->next_poll = poll;
	return 0;
}
