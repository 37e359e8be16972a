/* librr: read QEMU's replay log (formats/qemu-replay.md), event by event. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr.h"
#include "qreplay.h"
#include "internal.h"

#define BUF_START	(64u << 10)

/*
 * Where an event starts and the reader's state before it: enough to
 * read on from there as if from the start.
 */
struct qmark {
	uint64_t	 offset;
	uint64_t	 number;
	uint64_t	 icount;	/* before the event */
	uint64_t	 checkpoint;
};
#define INDEX_STEP	(1u << 16)

struct rr_qreader {
	int		 fd;
	int		 own_fd;
	const uint8_t	*prefix;	/* bytes read before open, handed back */
	size_t		 plen, pdone;
	uint8_t		*buf;
	size_t		 cap, pos, end;	/* buf[pos, end) not yet used */
	uint64_t	 base;		/* file offset of buf[0] */
	int		 eof, dead, done;
	struct rr_qinfo	 info;
	uint64_t	 checkpoint;	/* the last checkpoint event, or none */
	struct rr_qevent ev;
	struct rr_error	 err;
	/* The side index (rr_qreader_index): a mark every INDEX_STEP events. */
	struct qmark	*marks;
	size_t		 nmarks;
	/*
	 * The fast path may read the next event: the last one was of a
	 * fixed size (it set no field the fast path does not clear), and
	 * the stream goes on (not dead, not after EVENT_END).
	 */
	int		 fast;
};

/*
 * What each kind byte is: its name, its range's base (rr_qkind), and
 * for the kinds whose events all have one size (the kind byte and
 * fixed fields that set n, id, value, result or arg alone), that size,
 * which the fast path of rr_qreader_next reads; 0 for the others and
 * for EVENT_END, which the slow path reads.  Bytes past the table are
 * no kind (name NULL).
 */
struct qkind {
	const char	*name;
	const char	*subname;	/* a shutdown cause, a checkpoint */
	uint8_t		 base;
	uint8_t		 fixed;
};
#define FAST_MAX	9	/* the largest fixed size */
#define K(name, base, fixed)	{ name, NULL, base, fixed }
#define SD(cause)		{ "shutdown", cause, RR_Q_SHUTDOWN, 1 }
#define CP(checkpoint)		{ "checkpoint", checkpoint, RR_Q_CHECKPOINT, 1 }
static const struct qkind kinds[256] = {
	K("instruction", RR_Q_INSTRUCTION, 1 + 4),
	K("interrupt", RR_Q_INTERRUPT, 1),
	K("exception", RR_Q_EXCEPTION, 1),
	K("async-bh", RR_Q_ASYNC, 1 + 8),
	K("async-bh-oneshot", RR_Q_ASYNC, 1 + 8),
	K("async-input", RR_Q_ASYNC, 0),
	K("async-input-sync", RR_Q_ASYNC, 1),
	K("async-char-read", RR_Q_ASYNC, 0),
	K("async-block", RR_Q_ASYNC, 1 + 8),
	K("async-net", RR_Q_ASYNC, 0),
	/* QEMU's ShutdownCause; 11 is SHUTDOWN_CAUSE__MAX. */
	SD("none"), SD("host-error"), SD("host-qmp-quit"),
	SD("host-qmp-system-reset"), SD("host-signal"), SD("host-ui"),
	SD("guest-shutdown"), SD("guest-reset"), SD("guest-panic"),
	SD("subsystem-reset"), SD("snapshot-load"), SD("cause-11"),
	K("char-write", RR_Q_CHAR_WRITE, 1 + 4 + 4),
	K("char-read-all", RR_Q_CHAR_READ_ALL, 0),
	K("char-read-all-error", RR_Q_CHAR_READ_ALL_ERROR, 1 + 4),
	K("audio-out", RR_Q_AUDIO_OUT, 1 + 8),
	K("audio-in", RR_Q_AUDIO_IN, 0),
	K("random", RR_Q_RANDOM, 0),
	K("clock-host", RR_Q_CLOCK, 1 + 8),
	K("clock-virtual-rt", RR_Q_CLOCK, 1 + 8),
	/* QEMU's ReplayCheckpoint. */
	CP("clock-warp-start"), CP("clock-warp-account"),
	CP("reset-requested"), CP("suspend-requested"), CP("clock-virtual"),
	CP("clock-host"), CP("clock-virtual-rt"), CP("init"), CP("reset"),
	K("end", RR_Q_END, 0)
};
#undef K
#undef SD
#undef CP

const char *
rr_qkind_name(unsigned raw)
{
	return raw < RR_Q_KIND_COUNT ? kinds[raw].name : NULL;
}

/* A range's name gives its first kind; "shutdown-guest-panic" one cause. */
int
rr_qkind_from_name(const char *name)
{
	unsigned i;
	char buf[64];

	for (i = 0; i < RR_Q_KIND_COUNT; i++)
		if (strcmp(name, kinds[i].name) == 0)
			return (int)i;
	for (i = 0; i <= RR_Q_SHUTDOWN_LAST - RR_Q_SHUTDOWN; i++) {
		snprintf(buf, sizeof(buf), "shutdown-%s",
		    kinds[RR_Q_SHUTDOWN + i].subname);
		if (strcmp(name, buf) == 0)
			return RR_Q_SHUTDOWN + (int)i;
	}
	for (i = 0; i <= RR_Q_CHECKPOINT_LAST - RR_Q_CHECKPOINT; i++) {
		snprintf(buf, sizeof(buf), "checkpoint-%s",
		    kinds[RR_Q_CHECKPOINT + i].subname);
		if (strcmp(name, buf) == 0)
			return RR_Q_CHECKPOINT + (int)i;
	}
	return -1;
}

const char *
rr_qshutdown_name(unsigned cause)
{
	return cause <= RR_Q_SHUTDOWN_LAST - RR_Q_SHUTDOWN ?
	    kinds[RR_Q_SHUTDOWN + cause].subname : NULL;
}

const char *
rr_qcheckpoint_name(unsigned checkpoint)
{
	return checkpoint <= RR_Q_CHECKPOINT_LAST - RR_Q_CHECKPOINT ?
	    kinds[RR_Q_CHECKPOINT + checkpoint].subname : NULL;
}

static inline uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t
be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static int
known_version(uint32_t v)
{
	return v == RR_Q_V0C || v == RR_Q_V0D;
}

int
rr_qreplay_refuse(const void *head, size_t len, const char *what,
    struct rr_error *err)
{
	const uint8_t *p = head;

	if (rr_probe(head, len) != RR_PROBE_QEMU)
		return 0;
	if (be32(p) == 0)
		rr_seterr(err, RR_E_UNSUPPORTED, 0, RR_NO_EVENT,
		    "a QEMU replay log (header missing): %s", what);
	else
		rr_seterr(err, RR_E_UNSUPPORTED, 0, RR_NO_EVENT,
		    "a QEMU replay log (version 0x%x): %s",
		    (unsigned)be32(p), what);
	return 1;
}

int
rr_qreplay_refuse_path(const char *path, const char *what,
    struct rr_error *err)
{
	uint8_t head[RR_PROBE_LEN];
	ssize_t k;
	int fd;

	if (strcmp(path, "-") == 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	k = read(fd, head, sizeof(head));
	close(fd);
	return k > 0 && rr_qreplay_refuse(head, (size_t)k, what, err);
}

/* Read more into buf[end, cap); the prefix first.  -1 on a read error. */
static int
read_more(struct rr_qreader *r)
{
	size_t room = r->cap - r->end, n;
	ssize_t k;

	if (r->pdone < r->plen) {
		n = r->plen - r->pdone < room ? r->plen - r->pdone : room;
		memcpy(r->buf + r->end, r->prefix + r->pdone, n);
		r->pdone += n;
		r->end += n;
		return 0;
	}
	do
		k = read(r->fd, r->buf + r->end, room);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return -1;
	if (k == 0)
		r->eof = 1;
	r->end += (size_t)k;
	return 0;
}

/*
 * Make n bytes from buf[pos] available.  The buffer grows as data comes,
 * never ahead of it, so a hostile length costs at most twice the bytes
 * the file has.  0 ok, 1 the file ends first, -1 read error (err set).
 */
static int
want(struct rr_qreader *r, size_t n)
{
	uint8_t *nb;
	size_t ncap;

	while (r->end - r->pos < n) {
		if (r->eof)
			return 1;
		if (r->pos > 0 && r->end == r->cap) {
			memmove(r->buf, r->buf + r->pos, r->end - r->pos);
			r->base += r->pos;
			r->end -= r->pos;
			r->pos = 0;
		}
		if (r->end == r->cap) {
			ncap = r->cap * 2;
			if (ncap > n + BUF_START)
				ncap = n + BUF_START;
			if ((nb = realloc(r->buf, ncap)) == NULL) {
				rr_seterr(&r->err, RR_E_NOMEM, r->base + r->pos,
				    r->info.events, "out of memory");
				return -1;
			}
			r->buf = nb;
			r->cap = ncap;
		}
		if (read_more(r) != 0) {
			rr_seterr_io(&r->err, "read");
			r->err.offset = r->base + r->end;
			return -1;
		}
	}
	return 0;
}

static int
open_common(struct rr_qreader *r, struct rr_error *err)
{
	const uint8_t *h;
	uint32_t v;
	int rc;

	if ((r->buf = malloc(BUF_START)) == NULL) {
		rr_seterr(err, RR_E_NOMEM, 0, RR_NO_EVENT, "out of memory");
		return RR_FATAL;
	}
	r->cap = BUF_START;
	r->checkpoint = RR_NO_EVENT;
	if ((rc = want(r, RR_Q_HEADER_LEN)) < 0) {
		*err = r->err;
		return RR_FATAL;
	}
	if (rc > 0 && r->end - r->pos < 4) {
		rr_seterr(err, RR_E_TRUNCATED, r->end, RR_NO_EVENT,
		    "file header truncated (%zu of %u bytes)", r->end,
		    RR_Q_HEADER_LEN);
		return RR_FATAL;
	}
	h = r->buf;
	v = be32(h);
	if (v == 0) {
		/* QEMU writes its header last: killed, it never did. */
		r->info.header_missing = 1;
		r->info.version = RR_Q_V0C;
	} else if (!known_version(v)) {
		rr_seterr(err, RR_E_UNSUPPORTED, 0, RR_NO_EVENT,
		    "QEMU replay log version 0x%x not supported "
		    "(known: 0x%x, 0x%x)", (unsigned)v, RR_Q_V0C, RR_Q_V0D);
		return RR_FATAL;
	} else
		r->info.version = v;
	if (rc > 0) {
		rr_seterr(err, RR_E_TRUNCATED, r->end, RR_NO_EVENT,
		    "file header truncated (%zu of %u bytes)", r->end,
		    RR_Q_HEADER_LEN);
		return RR_FATAL;
	}
	r->pos = RR_Q_HEADER_LEN;
	return RR_OK;
}

int
rr_qreader_open_fd(struct rr_qreader **rp, int fd, const void *prefix,
    size_t plen, struct rr_error *err)
{
	struct rr_qreader *r;

	*rp = NULL;
	rr_clearerr(err);
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		rr_seterr(err, RR_E_NOMEM, 0, RR_NO_EVENT, "out of memory");
		return RR_FATAL;
	}
	r->fd = fd;
	r->prefix = prefix;
	r->plen = plen;
	if (open_common(r, err) != RR_OK) {
		rr_qreader_close(r);
		return RR_FATAL;
	}
	/* The prefix is the caller's: it need not outlive this call. */
	if (r->pdone < r->plen) {
		rr_seterr(err, RR_E_INVAL, 0, RR_NO_EVENT,
		    "prefix longer than the buffer");
		rr_qreader_close(r);
		return RR_FATAL;
	}
	r->prefix = NULL;
	*rp = r;
	return RR_OK;
}

int
rr_qreader_open(struct rr_qreader **rp, const char *path,
    struct rr_error *err)
{
	int fd, rc;

	*rp = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		rr_clearerr(err);
		return rr_seterr_io(err, "open");
	}
	if ((rc = rr_qreader_open_fd(rp, fd, NULL, 0, err)) != RR_OK) {
		close(fd);
		return rc;
	}
	(*rp)->own_fd = 1;
	return RR_OK;
}

void
rr_qreader_close(struct rr_qreader *r)
{
	if (r == NULL)
		return;
	if (r->own_fd)
		close(r->fd);
	free(r->buf);
	free(r->marks);
	free(r);
}

/* Read on from mark m: the buffer emptied, the file at its offset. */
static int
go_to(struct rr_qreader *r, const struct qmark *m)
{
	if (lseek(r->fd, (off_t)m->offset, SEEK_SET) == (off_t)-1) {
		rr_seterr_io(&r->err, "seek");
		r->err.offset = m->offset;
		return RR_FATAL;
	}
	r->base = m->offset;
	r->pos = r->end = 0;
	r->eof = r->dead = 0;
	r->pdone = r->plen;
	memset(&r->ev, 0, sizeof(r->ev));
	r->fast = 1;
	r->info.events = m->number;
	r->info.icount = m->icount;
	r->info.ended = 0;
	memset(r->info.kinds, 0, sizeof(r->info.kinds));
	r->checkpoint = m->checkpoint;
	rr_clearerr(&r->err);
	return RR_OK;
}

int
rr_qreader_index(struct rr_qreader *r, uint64_t *events, uint64_t *icount)
{
	const struct rr_qevent *e;
	struct qmark m, *nm;
	size_t cap = 0;
	int rc;

	if (r->marks != NULL || r->info.events != 0 || r->ev.size != 0) {
		rr_seterr(&r->err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "the side index is built once, from the start");
		return RR_FATAL;
	}
	if (lseek(r->fd, 0, SEEK_CUR) == (off_t)-1) {
		rr_seterr(&r->err, RR_E_UNSUPPORTED, RR_NO_OFFSET,
		    RR_NO_EVENT, "not a file that can be read twice (a "
		    "pipe?): the side index needs one");
		return RR_FATAL;
	}
	for (;;) {
		m.offset = r->base + r->pos + r->ev.size;
		m.number = r->info.events;
		m.icount = r->info.icount;
		m.checkpoint = r->checkpoint;
		if ((rc = rr_qreader_next(r, &e)) != RR_OK)
			break;
		if (e->number % INDEX_STEP != 0)
			continue;
		if (r->nmarks == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nm = realloc(r->marks, cap * sizeof(*nm))) == NULL) {
				rr_seterr(&r->err, RR_E_NOMEM, e->offset,
				    e->number, "out of memory");
				return RR_FATAL;
			}
			r->marks = nm;
		}
		r->marks[r->nmarks++] = m;
	}
	/* A read error is the index's; damage is met again when read. */
	if (rc == RR_FATAL && (r->err.kind == RR_E_IO ||
	    r->err.kind == RR_E_NOMEM))
		return RR_FATAL;
	*events = r->info.events;
	*icount = r->info.icount;
	if (r->nmarks == 0) {
		/* No event at all: the start is where the header ends. */
		if ((r->marks = malloc(sizeof(*r->marks))) == NULL) {
			rr_seterr(&r->err, RR_E_NOMEM, RR_NO_OFFSET,
			    RR_NO_EVENT, "out of memory");
			return RR_FATAL;
		}
		r->marks[r->nmarks++] = (struct qmark){ RR_Q_HEADER_LEN, 0, 0,
		    RR_NO_EVENT };
	}
	return go_to(r, &r->marks[0]) == RR_OK ? RR_OK : RR_FATAL;
}

int
rr_qreader_seek(struct rr_qreader *r, uint64_t number, uint64_t icount)
{
	size_t lo = 0, hi, mid;

	if (r->marks == NULL) {
		rr_seterr(&r->err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "seek without a side index");
		return RR_FATAL;
	}
	/*
	 * The last mark before both: at or before the event number, and
	 * below the icount (events of one icount may lie on both sides of
	 * a mark).  Marks rise in both.
	 */
	hi = r->nmarks;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (r->marks[mid].number <= number &&
		    r->marks[mid].icount < icount)
			lo = mid;
		else
			hi = mid;
	}
	return go_to(r, &r->marks[lo]);
}

const struct rr_error *
rr_qreader_error(const struct rr_qreader *r)
{
	return &r->err;
}

void
rr_qreader_info(const struct rr_qreader *r, struct rr_qinfo *info)
{
	*info = r->info;
	/*
	 * After the last whole event: a failed event is left with size 0
	 * and pos at its start.
	 */
	info->good_end = r->base + r->pos + r->ev.size;
}

/* The stream stops here: an error at the event that starts at pos. */
static int
stop(struct rr_qreader *r, int kind, const char *fmt, const char *what)
{
	rr_seterr(&r->err, kind, r->base + r->pos, r->info.events, fmt, what);
	r->dead = 1;
	return RR_FATAL;
}

/*
 * Need n bytes of the event from its start: 0, or RR_FATAL with the
 * stream stopped (truncated inside the event, or a read error).
 */
static int
need(struct rr_qreader *r, size_t n, const char *what)
{
	int rc;

	if ((rc = want(r, n)) < 0) {
		r->dead = 1;
		return RR_FATAL;
	}
	if (rc > 0)
		return stop(r, RR_E_TRUNCATED, "file ends inside %s event "
		    "(the last whole event ends here)", what);
	return 0;
}

/* An array at offset at of the event: dword length, bytes. */
static int
array(struct rr_qreader *r, size_t at, const char *what)
{
	struct rr_qevent *e = &r->ev;
	uint32_t n;

	if (need(r, at + 4, what) != 0)
		return RR_FATAL;
	n = be32(r->buf + r->pos + at);
	if (n > RR_Q_ARRAY_MAX) {
		rr_seterr(&r->err, RR_E_CORRUPT, r->base + r->pos,
		    r->info.events, "%s event: array of %lu bytes over the "
		    "limit of %u", what, (unsigned long)n, RR_Q_ARRAY_MAX);
		r->dead = 1;
		return RR_FATAL;
	}
	if (need(r, at + 4 + n, what) != 0)
		return RR_FATAL;
	e->len = n;
	e->size = at + 4 + n;
	return 0;
}

/* The input event of an async-input event, from byte 1. */
static int
input(struct rr_qreader *r)
{
	struct rr_qevent *e = &r->ev;
	const uint8_t *p;
	size_t sz;

	if (need(r, 5, "async-input") != 0)
		return RR_FATAL;
	e->input_type = be32(r->buf + r->pos + 1);
	switch (e->input_type) {
	case 0:		/* key: key kind, number or qcode, down */
		if (need(r, 9, "async-input") != 0)
			return RR_FATAL;
		e->key_kind = be32(r->buf + r->pos + 5);
		if (e->key_kind > 1)
			return stop(r, RR_E_CORRUPT, "%s event: unknown key "
			    "kind", "async-input");
		sz = e->key_kind == 0 ? 9 + 8 + 1 : 9 + 4 + 1;
		if (need(r, sz, "async-input") != 0)
			return RR_FATAL;
		p = r->buf + r->pos + 9;
		if (e->key_kind == 0)
			e->value = (int64_t)be64(p);
		else
			e->code = be32(p);
		e->down = p[sz - 10];
		break;
	case 1:		/* btn: button, down */
		sz = 5 + 4 + 1;
		if (need(r, sz, "async-input") != 0)
			return RR_FATAL;
		p = r->buf + r->pos + 5;
		e->code = be32(p);
		e->down = p[4];
		break;
	case 2:		/* rel, abs: axis, value */
	case 3:
		sz = 5 + 4 + 8;
		if (need(r, sz, "async-input") != 0)
			return RR_FATAL;
		p = r->buf + r->pos + 5;
		e->code = be32(p);
		e->value = (int64_t)be64(p + 4);
		break;
	default:
		return stop(r, RR_E_CORRUPT, "%s event: unknown input type",
		    "async-input");
	}
	e->size = sz;
	return 0;
}

/* The fields of an event of a fixed size (kinds[].fixed), byte 1 at p. */
static inline __attribute__((always_inline)) void
fixed_fields(struct rr_qevent *e, unsigned raw, const uint8_t *p)
{
	switch (raw) {
	case RR_Q_INSTRUCTION:
		e->n = be32(p);
		break;
	case RR_Q_CLOCK:
	case RR_Q_CLOCK_LAST:
		e->value = (int64_t)be64(p);
		break;
	case RR_Q_CHAR_READ_ALL_ERROR:
		e->result = (int32_t)be32(p);
		break;
	case RR_Q_ASYNC + RR_QA_BH:
	case RR_Q_ASYNC + RR_QA_BH_ONESHOT:
	case RR_Q_ASYNC + RR_QA_BLOCK:
		e->id = be64(p);
		break;
	case RR_Q_AUDIO_OUT:
		e->n = be64(p);
		break;
	case RR_Q_CHAR_WRITE:
		e->result = (int32_t)be32(p);
		e->arg = (int32_t)be32(p + 4);
		break;
	}
}

/* The payload of an event of kind raw, from byte 1; sets e->size. */
static int
payload(struct rr_qreader *r, unsigned raw)
{
	struct rr_qevent *e = &r->ev;
	const char *what = kinds[raw].name;
	uint64_t n;
	size_t fixed;

	/* Events of a fixed size: kind byte and the fields; else 1 first. */
	fixed = kinds[raw].fixed > 0 ? kinds[raw].fixed : 1;
	if (need(r, fixed, what) != 0)
		return RR_FATAL;
	e->size = fixed;
	if (kinds[raw].fixed > 0) {
		fixed_fields(e, raw, r->buf + r->pos + 1);
		return 0;
	}
	switch (raw) {
	case RR_Q_ASYNC + RR_QA_INPUT:
		return input(r);
	case RR_Q_ASYNC + RR_QA_CHAR_READ:
		if (need(r, 2, what) != 0)
			return RR_FATAL;
		e->index = r->buf[r->pos + 1];
		return array(r, 2, what);
	case RR_Q_ASYNC + RR_QA_NET:
		if (need(r, 6, what) != 0)
			return RR_FATAL;
		e->index = r->buf[r->pos + 1];
		e->flags = be32(r->buf + r->pos + 2);
		return array(r, 6, what);
	case RR_Q_CHAR_READ_ALL:
		return array(r, 1, what);
	case RR_Q_RANDOM:
		if (need(r, 5, what) != 0)
			return RR_FATAL;
		e->result = (int32_t)be32(r->buf + r->pos + 1);
		return array(r, 5, what);
	case RR_Q_AUDIO_IN:
		fixed = r->info.version == RR_Q_V0C ? 1 + 8 + 8 : 1 + 8;
		if (need(r, fixed, what) != 0)
			return RR_FATAL;
		n = be64(r->buf + r->pos + 1);
		if (n > RR_Q_AUDIO_MAX) {
			rr_seterr(&r->err, RR_E_CORRUPT, r->base + r->pos,
			    r->info.events, "audio-in event: %llu samples "
			    "over the limit of %u", (unsigned long long)n,
			    RR_Q_AUDIO_MAX);
			r->dead = 1;
			return RR_FATAL;
		}
		if (need(r, fixed + n * 16, what) != 0)
			return RR_FATAL;
		e->n = n;
		if (r->info.version == RR_Q_V0C)
			e->wpos = be64(r->buf + r->pos + 9);
		e->len = (size_t)n * 16;
		e->size = fixed + e->len;
		break;
	}
	return 0;
}

/* The kind's names and bases, and the async event's checkpoint. */
static inline void
set_kind(struct rr_qreader *r, struct rr_qevent *e, unsigned raw)
{
	const struct qkind *k = &kinds[raw];

	e->raw = (uint8_t)raw;
	e->name = k->name;
	e->subname = k->subname;
	e->kind = k->base;
	e->sub = raw - k->base;
	e->checkpoint = k->base == RR_Q_ASYNC ? r->checkpoint : RR_NO_EVENT;
}

/* Where event e (read, at pos) is, what it adds up to; counted. */
static inline int
account(struct rr_qreader *r, struct rr_qevent *e, unsigned raw,
    const struct rr_qevent **evp)
{
	e->bytes = r->buf + r->pos;
	e->offset = r->base + r->pos;
	e->number = r->info.events++;
	if (raw == RR_Q_INSTRUCTION)
		r->info.icount += e->n;
	e->icount = r->info.icount;
	if (e->kind == RR_Q_CHECKPOINT)
		r->checkpoint = e->number;
	else if (e->kind != RR_Q_ASYNC)
		r->checkpoint = RR_NO_EVENT;
	r->info.kinds[raw]++;
	*evp = e;
	return RR_OK;
}

/*
 * rr_qreader_next past its fast path: any event, the end, damage.  pos
 * is where the event starts.
 */
static int	next_slow(struct rr_qreader *, size_t,
		    const struct rr_qevent **) __attribute__((noinline));

static int
next_slow(struct rr_qreader *r, size_t pos, const struct rr_qevent **evp)
{
	struct rr_qevent *e = &r->ev;
	unsigned raw;
	int rc;

	*evp = NULL;
	if (r->dead)
		return RR_FATAL;
	/* Consume the last event. */
	r->pos = pos;
	e->size = 0;
	if ((rc = want(r, 1)) < 0) {
		r->dead = 1;
		return RR_FATAL;
	}
	if (rc > 0) {
		if (r->info.ended && r->info.header_missing)
			return stop(r, RR_E_TRUNCATED, "%s", "EVENT_END read, "
			    "but the header is zero: QEMU writes it last, "
			    "after EVENT_END");
		if (r->info.ended)
			return RR_EOF;
		return stop(r, RR_E_TRUNCATED, "%s", r->info.header_missing ?
		    "no EVENT_END and no header: QEMU writes its header "
		    "last, so it was killed before it closed the log" :
		    "log ends without EVENT_END");
	}
	if (r->info.ended)
		return stop(r, RR_E_CORRUPT, "%s", "bytes after EVENT_END");
	raw = r->buf[r->pos];
	if (raw >= RR_Q_KIND_COUNT) {
		rr_seterr(&r->err, RR_E_CORRUPT, r->base + r->pos,
		    r->info.events, "unknown event kind %u", raw);
		r->dead = 1;
		return RR_FATAL;
	}
	/*
	 * A clear event: after one of a fixed size, the fields those set;
	 * else all of it.
	 */
	if (r->fast) {
		e->n = e->id = 0;
		e->value = 0;
		e->result = e->arg = 0;
	} else
		memset(e, 0, sizeof(*e));
	set_kind(r, e, raw);
	if (payload(r, raw) != 0) {
		e->size = 0;
		return RR_FATAL;
	}
	if (e->len > 0)
		e->data = r->buf + r->pos + (e->size - e->len);
	if (raw == RR_Q_END)
		r->info.ended = 1;
	/* EVENT_END's fixed is 0: what follows it is for this path. */
	r->fast = kinds[raw].fixed != 0;
	return account(r, e, raw, evp);
}

int
rr_qreader_next(struct rr_qreader *r, const struct rr_qevent **evp)
{
	struct rr_qevent *e = &r->ev;
	size_t pos = r->pos + (size_t)e->size;
	unsigned raw;
	int rc;

	/*
	 * The fast path: an event of a fixed size whole in the buffer,
	 * after one that set no more fields than it clears.  Most events
	 * of a log are these.
	 */
	if (r->fast && pos + FAST_MAX <= r->end &&
	    kinds[raw = r->buf[pos]].fixed != 0) {
		r->pos = pos;
		e->n = e->id = 0;
		e->value = 0;
		e->result = e->arg = 0;
		set_kind(r, e, raw);
		fixed_fields(e, raw, r->buf + pos + 1);
		e->size = kinds[raw].fixed;
		return account(r, e, raw, evp);
	}
	if ((rc = next_slow(r, pos, evp)) != RR_OK)
		r->fast = 0;
	return rc;
}
