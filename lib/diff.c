/*
 * librr: where two recordings part.  Identical stored blocks are skipped
 * by comparing their bytes; then events are aligned by their order in
 * each stream, kind by kind, inputs named as causes and the guest's
 * behaviour as their effects (lib/rrcheck.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rr.h"
#include "qreplay.h"
#include "rrcheck.h"
#include "rrsnap.h"
#include "internal.h"
#include "format.h"

#define CTX_MAX		64	/* most context events kept (-C) */
#define HIST_MORE	32	/* events read past a difference, kept */
#define NQ		(RR_EV_KIND_MAX + 2)	/* a queue per known kind,
						   one for the others */

/* Events of one kind on one side waiting for their partner: a ring. */
struct queue {
	struct rr_diff_event *v;
	size_t		 cap, head, n;
};

struct side {
	const char	*path;
	struct rr_reader *r;
	int		 fd;		/* raw view for block skipping, or -1 */
	uint64_t	 size;
	int		 at_eof;
	uint64_t	 last;		/* number of the last event read + 1 */
	struct queue	 q[NQ];
	size_t		 queued;	/* in all queues */
	/* The last events read, for context: a ring of CTX_MAX. */
	struct rr_diff_event hist[CTX_MAX + HIST_MORE];
	size_t		 nhist, hhead;
};

/* A root: a cause, or a difference no cause came before. */
struct root {
	int		 set;
	int		 is_cause;
	int		 effect_found;
	uint64_t	 shifted, changed, unpaired, inputs;
	struct rr_diff_event a, b;	/* its events */
	int		 have_a, have_b;
};

struct rr_diff {
	struct rr_diff_options o;
	struct rr_reader *stdin_r;	/* what "-" stands for, if given */
	void		(*item)(void *, const struct rr_diff_item *);
	void		*item_arg;
	struct rr_error	 err;
	int		 err_side;
	struct rr_diff_report *rep;
	struct side	 s[2];
	struct rr_event	 ev[2];		/* the events just read, a and b */

	/* Since the last agreeing checkpoint: differing inputs. */
	int		 have_agree, agree_prefix;
	uint64_t	 agree_icount, agree_a, agree_b;
	uint64_t	 pending;
	struct rr_diff_event cand[2][RR_DIFF_CAND];
	struct rr_diff_event ctxout[2][CTX_MAX];
	/*
	 * A cause, effect or EOF item waits here for the events after it
	 * (its context after) before it is emitted: until context events
	 * of each side follow it, a side ends, or another item comes.
	 * Its events are copies; its context before stays in ctxout.
	 */
	int		 held;
	struct rr_diff_item hit;
	struct rr_diff_event hev[2], hcand[2][RR_DIFF_CAND];
	struct rr_diff_event after[2][CTX_MAX];
	uint64_t	 hnum[2];	/* after this event number, per side */
	int		 hdone[2];	/* no more to take on this side */
	struct root	 root;
	int		 stop;
	uint8_t		*blk[2];
	size_t		 blkcap[2];
};


const char *
rr_diff_type_name(int type)
{
	static const char *const names[] = {
		"?", "header", "cause", "effect", "eof", "summary"
	};

	if (type < RR_DIFF_HEADER || type > RR_DIFF_SUMMARY)
		return "?";
	return names[type];
}

int
rr_diff_kind_class(uint32_t kind)
{
	switch (kind) {
	case RR_EV_CLOCK:
	case RR_EV_ENTROPY:
	case RR_EV_BH:
	case RR_EV_SEMIHOST:
		return RR_DIFF_CLASS_INPUT;
	default:	/* output, checkpoint, keyframe, mark, END, gap,
			   unknown kinds */
		return RR_DIFF_CLASS_BEHAVIOUR;
	}
}

struct rr_diff *
rr_diff_new(const struct rr_diff_options *o)
{
	struct rr_diff *d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	if (o != NULL)
		d->o = *o;
	if (d->o.context > CTX_MAX)
		d->o.context = CTX_MAX;
	return d;
}

static void
queues_free(struct side *s)
{
	int k;

	for (k = 0; k < NQ; k++) {
		free(s->q[k].v);
		memset(&s->q[k], 0, sizeof(s->q[k]));
	}
	s->queued = 0;
	s->nhist = s->hhead = 0;
}

void
rr_diff_free(struct rr_diff *d)
{
	int i;

	if (d == NULL)
		return;
	rr_reader_close(d->stdin_r);
	for (i = 0; i < 2; i++) {
		queues_free(&d->s[i]);
	}
	free(d->blk[0]);
	free(d->blk[1]);
	free(d);
}

void
rr_diff_use_reader(struct rr_diff *d, struct rr_reader *r)
{
	rr_reader_close(d->stdin_r);
	d->stdin_r = r;
}

void
rr_diff_set_item(struct rr_diff *d,
    void (*cb)(void *, const struct rr_diff_item *), void *arg)
{
	d->item = cb;
	d->item_arg = arg;
}

const struct rr_error *
rr_diff_error(const struct rr_diff *d, int *side)
{
	if (side != NULL)
		*side = d->err_side;
	return &d->err;
}

/* The state hash of a keyframe, or 0 if it does not decode. */
static uint64_t
keyframe_hash(const struct rr_event *ev, int *ok)
{
	struct rr_snap *s;
	struct rr_error e;
	uint64_t h;

	if (rr_snap_decode(&s, ev->data, ev->len, &e) != RR_OK) {
		*ok = 0;
		return 0;
	}
	h = rr_snap_meta(s)->state_hash;
	rr_snap_free(s);
	*ok = 1;
	return h;
}

/*
 * The fields of ev, without copying the unused part of its parts array
 * (most of the struct): the copy is on every event's path.
 */
static void
copy_event(struct rr_event *dst, const struct rr_event *ev)
{
	memcpy(dst, ev, offsetof(struct rr_event, parts));
	if (ev->nparts > 0)
		memcpy(dst->parts, ev->parts, ev->nparts <= RR_PARTS_MAX ?
		    ev->nparts * sizeof(ev->parts[0]) : sizeof(ev->parts));
	dst->resume_event = ev->resume_event;
	dst->resume_icount = ev->resume_icount;
	dst->raw = ev->raw;
	dst->raw_len = ev->raw_len;
}

/* XXH64 of a payload: what kept events compare. */
static uint64_t
digest_of(const struct rr_event *ev)
{
	int ok;
	uint64_t h;

	if (ev->kind == RR_EV_KEYFRAME) {
		/* Snapshots carry metadata too: the state they hold. */
		h = keyframe_hash(ev, &ok);
		return ok ? h : rr_hash64(ev->data, ev->len, 0);
	}
	switch (ev->kind) {
	case RR_EV_CLOCK:
	case RR_EV_ENTROPY:
	case RR_EV_CHECKPOINT:
		return 0;	/* compared by value: the payload says no more */
	default:
		return ev->len > 0 ? rr_hash64(ev->data, ev->len, 0) : 0;
	}
}

/*
 * Keep a copy of ev whose pointers stay valid: its fields, its
 * payload's length and digest, and the first RR_DIFF_KEEP bytes of it
 * (none of a keyframe's).
 */
static void
keep(struct rr_diff_event *k, const struct rr_event *ev, int ignored)
{
	size_t n = ev->len < RR_DIFF_KEEP ? ev->len : RR_DIFF_KEEP;

	copy_event(&k->ev, ev);
	k->ignored = ignored;
	k->ev.raw = NULL;
	k->ev.raw_len = 0;
	k->size = ev->len;
	k->digest = digest_of(ev);
	if (ev->kind == RR_EV_KEYFRAME)
		n = 0;
	if (n > 0)
		memcpy(k->bytes, ev->data, n);
	k->ev.data = k->bytes;
	k->ev.len = n;
}

/* Copy a kept event into another slot (its own pointers). */
static void
keep_copy(struct rr_diff_event *dst, const struct rr_diff_event *src)
{
	*dst = *src;
	dst->ev.data = dst->bytes;
}

/* ---- headers ---- */

static void
header_item(struct rr_diff *d, const char *field, const char *a,
    const char *b)
{
	struct rr_diff_item it;

	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_HEADER;
	it.field = field;
	snprintf(it.a_text, sizeof(it.a_text), "%s", a);
	snprintf(it.b_text, sizeof(it.b_text), "%s", b);
	d->rep->header_differs = 1;
	d->rep->differences++;
	if (d->item != NULL)
		d->item(d->item_arg, &it);
}

static void
header_num(struct rr_diff *d, const char *field, uint64_t a, uint64_t b,
    int hex)
{
	char sa[32], sb[32];

	if (a == b)
		return;
	snprintf(sa, sizeof(sa), hex ? "0x%llx" : "%llu",
	    (unsigned long long)a);
	snprintf(sb, sizeof(sb), hex ? "0x%llx" : "%llu",
	    (unsigned long long)b);
	header_item(d, field, sa, sb);
}

/*
 * The machine configuration only: recording id, creation time, tool
 * version, intervals, block size and fields this reader does not know
 * (provenance a newer tool adds) are metadata.
 */
static void
compare_headers(struct rr_diff *d, const struct rr_header *a,
    const struct rr_header *b)
{
	if (strcmp(a->machine, b->machine) != 0)
		header_item(d, "machine", a->machine, b->machine);
	if (strcmp(a->isa, b->isa) != 0)
		header_item(d, "isa", a->isa, b->isa);
	if (strcmp(a->devices, b->devices) != 0)
		header_item(d, "devices", a->devices, b->devices);
	header_num(d, "ram_base", a->ram_base, b->ram_base, 1);
	header_num(d, "ram_size", a->ram_size, b->ram_size, 0);
	header_num(d, "clock_shift", a->clock_shift, b->clock_shift, 0);
	header_num(d, "image_hash", a->image_hash, b->image_hash, 1);
	header_num(d, "dtb_hash", a->dtb_hash, b->dtb_hash, 1);
	header_num(d, "semihosting", a->semihosting, b->semihosting, 0);
}

/* ---- skipping identical blocks ---- */

static int
pread_all(int fd, uint8_t *p, size_t n, uint64_t off)
{
	ssize_t k;
	size_t got = 0;

	while (got < n) {
		k = pread(fd, p + got, n - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

/*
 * Walk both files' blocks from the first while their stored bytes are
 * the same.  Returns the first event of the first pair that differs (or
 * of the last equal pair that ends an event elsewhere), from which the
 * events must be decoded; 0 when nothing could be skipped.
 */
static uint64_t
skip_blocks(struct rr_diff *d)
{
	uint8_t h[2][BLK_HDR], hs[4];
	uint64_t off[2], resume = 0, size;
	uint32_t comp;
	int i;

	for (i = 0; i < 2; i++) {
		if (d->s[i].fd < 0 || pread_all(d->s[i].fd, hs, 4, 12) != 0)
			return 0;
		off[i] = rr_le32(hs);
	}
	/* Headers differ in metadata: blocks can still be the same. */
	for (;;) {
		for (i = 0; i < 2; i++)
			if (off[i] + BLK_HDR > d->s[i].size ||
			    pread_all(d->s[i].fd, h[i], BLK_HDR, off[i]) != 0)
				return resume;
		if (memcmp(h[0], BLK_MAGIC, 4) != 0 ||
		    memcmp(h[0], h[1], BLK_HDR) != 0)
			return resume;
		comp = rr_le32(h[0] + BH_COMP);
		if (comp > BLK_COMP_MAX)
			return resume;
		size = (uint64_t)comp + BLK_TRAILER;
		for (i = 0; i < 2; i++) {
			if (off[i] + BLK_HDR + size > d->s[i].size)
				return resume;
			if (d->blkcap[i] < size) {
				uint8_t *p = realloc(d->blk[i], (size_t)size);

				if (p == NULL)
					return resume;
				d->blk[i] = p;
				d->blkcap[i] = (size_t)size;
			}
			if (pread_all(d->s[i].fd, d->blk[i], (size_t)size,
			    off[i] + BLK_HDR) != 0)
				return resume;
		}
		if (memcmp(d->blk[0], d->blk[1], (size_t)size) != 0)
			return resume;
		/*
		 * Equal: its events need no decoding, except one that runs
		 * on into a block that may differ.  Decoding restarts at the
		 * block's first event, so keep the last that starts events.
		 */
		if (h[0][BH_TYPE] == BLK_TYPE_EVENTS &&
		    rr_le32(h[0] + BH_COUNT) > 0)
			resume = rr_le64(h[0] + BH_FIRST_EVENT);
		d->rep->blocks_skipped++;
		off[0] += BLK_HDR + size;
		off[1] += BLK_HDR + size;
	}
}

/* ---- events ---- */

static int
ignored(const struct rr_diff *d, uint32_t kind)
{
	if (kind > 255)
		return d->o.ignore_other;
	return (d->o.ignore[kind >> 3] >> (kind & 7)) & 1;
}

static int
queue_of(uint32_t kind)
{
	return kind <= RR_EV_KIND_MAX ? (int)kind : NQ - 1;
}

static int
queue_push(struct queue *q, const struct rr_event *ev)
{
	struct rr_diff_event *v;
	size_t cap, i;

	if (q->n == q->cap) {
		cap = q->cap ? q->cap * 2 : 8;
		if ((v = calloc(cap, sizeof(*v))) == NULL)
			return -1;
		/* Unroll the ring into the new array, slots and all. */
		for (i = 0; i < q->n; i++)
			keep_copy(&v[i], &q->v[(q->head + i) % q->cap]);
		free(q->v);
		q->v = v;
		q->cap = cap;
		q->head = 0;
	}
	keep(&q->v[(q->head + q->n) % q->cap], ev, 0);
	q->n++;
	return 0;
}

static struct rr_diff_event *
queue_front(struct queue *q)
{
	return &q->v[q->head];
}

static void
queue_pop(struct side *s, struct queue *q)
{
	q->head = (q->head + 1) % q->cap;
	q->n--;
	s->queued--;
}

/* An event read after a held item: its context after, on side i. */
static void
after_take(struct rr_diff *d, int i, const struct rr_diff_event *k)
{
	size_t *n = i == 0 ? &d->hit.nafter_a : &d->hit.nafter_b;

	if (!d->held || d->hdone[i] || k->ev.number <= d->hnum[i])
		return;
	keep_copy(&d->after[i][*n], k);
	if (++*n == d->o.context)
		d->hdone[i] = 1;
}

static void
hist_push(struct rr_diff *d, struct side *s, const struct rr_event *ev,
    int ign)
{
	size_t slot, size = d->o.context + HIST_MORE;

	if (d->o.context == 0)
		return;
	slot = (s->hhead + s->nhist) % size;
	if (s->nhist == size)
		s->hhead = (s->hhead + 1) % size;
	else
		s->nhist++;
	keep(&s->hist[slot], ev, ign);
	after_take(d, (int)(s - d->s), &s->hist[slot]);
}

/*
 * Up to context events before event number n on side i, oldest first,
 * into ctxout[i] (views of the ring's slots: they own nothing).
 */
static size_t
context_before(struct rr_diff *d, int i, uint64_t n)
{
	struct side *s = &d->s[i];
	struct rr_diff_event *k;
	size_t j, m = 0;

	for (j = 0; j < s->nhist; j++) {
		k = &s->hist[(s->hhead + j) % (d->o.context + HIST_MORE)];
		if (k->ev.number >= n || n - k->ev.number > d->o.context)
			continue;
		keep_copy(&d->ctxout[i][m], k);
		m++;
	}
	return m;
}

static void
set_context(struct rr_diff *d, struct rr_diff_item *it, uint64_t na,
    uint64_t nb)
{
	it->nctx_a = context_before(d, 0, na);
	it->nctx_b = context_before(d, 1, nb);
	it->ctx_a = d->ctxout[0];
	it->ctx_b = d->ctxout[1];
}

static int
in_range(const struct rr_diff *d, int i, const struct rr_event *ev,
    int *past)
{
	*past = 0;
	if (!d->o.ranged)
		return 1;
	if (ev->number > d->o.ev_hi[i] || ev->icount > d->o.ic_hi[i]) {
		*past = 1;
		return 0;
	}
	return ev->number >= d->o.ev_lo[i] && ev->icount >= d->o.ic_lo[i];
}

/*
 * The next event of side i in range into ev (borrowed from the reader).
 * 0, 1 at the end (END taken, the range done, or the data ends: a
 * truncated log is a prefix), -1 trouble.
 */
static int
read_raw(struct rr_diff *d, int i, struct rr_event *ev)
{
	struct side *s = &d->s[i];
	const struct rr_error *e;
	int rc, past;

	for (;;) {
		rc = rr_reader_next(s->r, ev);
		if (rc == RR_EOF) {
			s->at_eof = 1;
			return 1;
		}
		if (rc < 0) {
			e = rr_reader_error(s->r);
			if (e->kind == RR_E_TRUNCATED) {
				s->at_eof = 1;
				return 1;
			}
			d->err = *e;
			d->err_side = i;
			return -1;
		}
		s->last = ev->number + 1;
		/* The stored bytes agree up to here: so do the states. */
		if (d->agree_prefix && ev->number == d->agree_a)
			d->agree_icount = ev->icount;
		if (in_range(d, i, ev, &past))
			break;
		if (past) {
			s->at_eof = 1;
			return 1;
		}
	}
	return 0;
}

static void
counted(struct rr_diff *d, int i)
{
	if (i == 0)
		d->rep->events_a++;
	else
		d->rep->events_b++;
}

/* Queue ev, read from side i, for its partner. */
static int
enqueue(struct rr_diff *d, int i, const struct rr_event *ev)
{
	struct side *s = &d->s[i];

	if (queue_push(&s->q[queue_of(ev->kind)], ev) != 0) {
		rr_seterr(&d->err, RR_E_NOMEM, RR_NO_OFFSET, ev->number,
		    "out of memory");
		d->err_side = i;
		return -1;
	}
	s->queued++;
	counted(d, i);
	return 0;
}

/*
 * Read the next event of side i into its history and, unless its kind
 * is left out, its queue.  0, 1 at the end (END taken, the range done,
 * or the data ends: a truncated log is a prefix), -1 trouble.
 */
static int
read_one(struct rr_diff *d, int i)
{
	struct rr_event *ev = &d->ev[i];
	int rc, ign;

	if ((rc = read_raw(d, i, ev)) != 0)
		return rc;
	ign = ignored(d, ev->kind);
	hist_push(d, &d->s[i], ev, ign);
	return ign ? 0 : enqueue(d, i, ev);
}

static int
compare_events_of(const struct rr_event *a, uint64_t sa, uint64_t da,
    const struct rr_event *b, uint64_t sb, uint64_t db)
{
	int same, payload = sa == sb && da == db;

	if (a->kind != b->kind)
		return 2;
	switch (a->kind) {
	case RR_EV_CLOCK:
	case RR_EV_ENTROPY:
	case RR_EV_CHECKPOINT:
		same = a->value == b->value;
		break;
	case RR_EV_BH:
	case RR_EV_OUTPUT:
		same = a->device == b->device && a->subkind == b->subkind &&
		    payload;
		break;
	case RR_EV_KEYFRAME:
		same = da == db;
		break;
	case RR_EV_END:
	case RR_EV_SEMIHOST:
		same = a->status == b->status && a->subkind == b->subkind &&
		    a->value == b->value && payload;
		break;
	default:	/* mark, gap, unknown kinds: the payload */
		same = payload;
		break;
	}
	if (!same)
		return 2;
	return a->icount != b->icount;
}

static int
compare_pair(const struct rr_diff_event *ka, const struct rr_diff_event *kb)
{
	return compare_events_of(&ka->ev, ka->size, ka->digest, &kb->ev,
	    kb->size, kb->digest);
}

static void
point_of(struct rr_diff_point *p, const struct rr_diff_event *a,
    const struct rr_diff_event *b)
{
	p->set = 1;
	p->kind = a != NULL ? a->ev.kind : b->ev.kind;
	p->event[0] = a != NULL ? a->ev.number : RR_NO_EVENT;
	p->event[1] = b != NULL ? b->ev.number : RR_NO_EVENT;
	p->icount[0] = a != NULL ? a->ev.icount : UINT64_MAX;
	p->icount[1] = b != NULL ? b->ev.icount : UINT64_MAX;
}

static void
emit(struct rr_diff *d, struct rr_diff_item *it)
{
	if (d->item != NULL)
		d->item(d->item_arg, it);
}

/* The held item, with the context after it gathered so far. */
static void
flush_held(struct rr_diff *d)
{
	if (!d->held)
		return;
	d->held = 0;
	d->hit.after_a = d->after[0];
	d->hit.after_b = d->after[1];
	emit(d, &d->hit);
}

/*
 * Hold it (its events copied) for the context after it: the events of
 * each side already read past it (still in the history ring), then
 * each one read from now on.  With no context, emit it now.
 */
static void
hold(struct rr_diff *d, const struct rr_diff_item *it)
{
	const struct rr_diff_event *k[2] = { it->a, it->b };
	struct side *s;
	size_t j, size = d->o.context + HIST_MORE;
	int i;

	flush_held(d);
	d->hit = *it;
	d->hit.nafter_a = d->hit.nafter_b = 0;
	for (i = 0; i < 2; i++) {
		if (k[i] != NULL) {
			keep_copy(&d->hev[i], k[i]);
			if (i == 0)
				d->hit.a = &d->hev[0];
			else
				d->hit.b = &d->hev[1];
		}
		for (j = 0; j < it->ncand; j++)
			keep_copy(&d->hcand[i][j], i == 0 ? &it->cand_a[j] :
			    &it->cand_b[j]);
	}
	d->hit.cand_a = d->hcand[0];
	d->hit.cand_b = d->hcand[1];
	if (d->o.context == 0) {
		d->hit.after_a = d->hit.after_b = NULL;
		emit(d, &d->hit);
		return;
	}
	d->held = 1;
	for (i = 0; i < 2; i++) {
		s = &d->s[i];
		d->hnum[i] = k[i] != NULL ? k[i]->ev.number : 0;
		/* A side with no event here, or whose ring has lost the
		   event itself, shows nothing after it. */
		d->hdone[i] = k[i] == NULL || s->nhist == 0 ||
		    s->hist[s->hhead].ev.number > d->hnum[i];
		for (j = 0; j < s->nhist && !d->hdone[i]; j++)
			after_take(d, i, &s->hist[(s->hhead + j) % size]);
	}
}

/*
 * Before the comparison ends: read each side on (into the history
 * only) until the held item has its context after, and emit it.  What
 * is read here is not compared, counted or checked: a side's end, and
 * an error past the finding, are as they were.
 */
static void
finish_held(struct rr_diff *d)
{
	struct rr_error err = d->err;
	struct rr_event ev;
	int i, eof, side = d->err_side;

	for (i = 0; i < 2 && d->held; i++) {
		eof = d->s[i].at_eof;
		while (!d->hdone[i] && !d->s[i].at_eof &&
		    read_raw(d, i, &ev) == 0)
			hist_push(d, &d->s[i], &ev, ignored(d, ev.kind));
		d->s[i].at_eof = eof;
	}
	d->err = err;
	d->err_side = side;
	flush_held(d);
}

static void
agree_into(const struct rr_diff *d, struct rr_diff_item *it)
{
	it->have_agree = d->have_agree;
	it->agree_prefix = d->agree_prefix;
	it->agree_icount = d->agree_icount;
	it->agree_event_a = d->agree_a;
	it->agree_event_b = d->agree_b;
}

/* The summary of the root before a new one, with all. */
static void
close_root(struct rr_diff *d)
{
	struct rr_diff_item it;

	if (!d->root.set || !d->o.all)
		return;
	flush_held(d);
	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_SUMMARY;
	it.a = d->root.have_a ? &d->root.a : NULL;
	it.b = d->root.have_b ? &d->root.b : NULL;
	it.n_shifted = d->root.shifted;
	it.n_changed = d->root.changed;
	it.n_unpaired = d->root.unpaired;
	it.n_inputs = d->root.inputs;
	emit(d, &it);
	d->root.set = 0;
}

/* A new independent difference; stop when no more are wanted. */
static void
open_root(struct rr_diff *d, int is_cause, const struct rr_diff_event *a,
    const struct rr_diff_event *b)
{
	if (d->o.all && d->o.max > 0 && d->rep->differences >= d->o.max) {
		d->stop = 1;
		return;
	}
	close_root(d);
	d->root.shifted = d->root.changed = 0;
	d->root.unpaired = d->root.inputs = 0;
	d->root.set = 1;
	d->root.is_cause = is_cause;
	d->root.effect_found = !is_cause;
	d->root.have_a = a != NULL;
	d->root.have_b = b != NULL;
	if (a != NULL)
		keep_copy(&d->root.a, a);
	if (b != NULL)
		keep_copy(&d->root.b, b);
	d->rep->differences++;
}

static void
cause_item(struct rr_diff *d, const struct rr_diff_event *a,
    const struct rr_diff_event *b, int shifted)
{
	struct rr_diff_item it;

	flush_held(d);	/* before ctxout is used again */
	open_root(d, 1, a, b);
	if (d->stop)
		return;
	d->rep->causes++;
	if (!d->rep->cause.set)
		point_of(&d->rep->cause, a, b);
	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_CAUSE;
	it.a = a;
	it.b = b;
	it.shifted = shifted;
	agree_into(d, &it);
	set_context(d, &it, a->ev.number, b->ev.number);
	if (!d->rep->effect.set && !d->rep->have_agree) {
		d->rep->have_agree = d->have_agree;
		d->rep->agree_icount = d->agree_icount;
	}
	hold(d, &it);
}

static void
parts_differ(struct rr_diff_item *it, const struct rr_event *a,
    const struct rr_event *b)
{
	uint32_t i, j;
	int found;

	for (i = 0; i < a->nparts; i++) {
		found = 0;
		for (j = 0; j < b->nparts; j++)
			if (a->parts[i].id == b->parts[j].id) {
				found = 1;
				if (a->parts[i].hash != b->parts[j].hash)
					it->parts[it->nparts++] =
					    a->parts[i].id;
			}
		if (!found)
			it->parts[it->nparts++] = a->parts[i].id;
	}
}

static void
effect_item(struct rr_diff *d, const struct rr_diff_event *a,
    const struct rr_diff_event *b, int shifted)
{
	struct rr_diff_item it;

	flush_held(d);
	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_EFFECT;
	it.a = a;
	it.b = b;
	it.shifted = shifted;
	if (d->root.set && d->root.is_cause) {
		it.has_cause = 1;
		point_of(&it.cause, d->root.have_a ? &d->root.a : NULL,
		    d->root.have_b ? &d->root.b : NULL);
	}
	if (a != NULL && b != NULL && a->ev.kind == RR_EV_CHECKPOINT &&
	    a->ev.icount == b->ev.icount)
		parts_differ(&it, &a->ev, &b->ev);
	agree_into(d, &it);
	it.inputs = d->pending;
	it.ncand = d->pending < RR_DIFF_CAND ? (size_t)d->pending :
	    RR_DIFF_CAND;
	it.cand_a = d->cand[0];
	it.cand_b = d->cand[1];
	set_context(d, &it, a != NULL ? a->ev.number : d->s[0].last,
	    b != NULL ? b->ev.number : d->s[1].last);
	if (!d->rep->effect.set) {
		point_of(&d->rep->effect, a, b);
		d->rep->have_agree = d->have_agree;
		d->rep->agree_icount = d->agree_icount;
	}
	hold(d, &it);
}

static void
eof_item(struct rr_diff *d, int side, const struct rr_diff_event *other)
{
	struct rr_diff_item it;

	flush_held(d);
	open_root(d, 0, side == 1 ? other : NULL, side == 0 ? other : NULL);
	if (d->stop)
		return;
	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_EOF;
	it.eof_side = side;
	it.eof_events = d->s[side].last;
	if (side == 0)
		it.b = other;
	else
		it.a = other;
	set_context(d, &it, side == 0 ? d->s[0].last : other->ev.number,
	    side == 1 ? d->s[1].last : other->ev.number);
	if (!d->rep->effect.set)
		point_of(&d->rep->effect, it.a, it.b);
	hold(d, &it);
}

/* A differing input: a candidate for the next effect. */
static void
note_input(struct rr_diff *d, const struct rr_diff_event *a,
    const struct rr_diff_event *b)
{
	if (d->pending < RR_DIFF_CAND) {
		keep_copy(&d->cand[0][d->pending], a);
		keep_copy(&d->cand[1][d->pending], b);
	}
	d->pending++;
	d->rep->inputs++;
}

/* A pair that says the same: a checkpoint is a place the states agree. */
static void
same_pair(struct rr_diff *d, const struct rr_event *a,
    const struct rr_event *b)
{
	if (a->kind != RR_EV_CHECKPOINT)
		return;
	d->rep->checkpoints++;
	d->have_agree = 1;
	d->agree_prefix = 0;
	d->agree_icount = a->icount;
	d->agree_a = a->number;
	d->agree_b = b->number;
	d->pending = 0;
}

/*
 * While nothing waits for a partner, the next event of each side is
 * read and, most often, found the same as the other without being
 * copied.  0 done (the pair was the same, or is queued for
 * compare()), 1 a side ended, -1 trouble.
 */
static int
step_in_step(struct rr_diff *d)
{
	struct rr_event *a = &d->ev[0], *b = &d->ev[1];
	int ra, rb, ia = 0, ib = 0;

	if ((ra = read_raw(d, 0, a)) < 0 || (rb = read_raw(d, 1, b)) < 0)
		return -1;
	if (ra == 0) {
		ia = ignored(d, a->kind);
		hist_push(d, &d->s[0], a, ia);
	}
	if (rb == 0) {
		ib = ignored(d, b->kind);
		hist_push(d, &d->s[1], b, ib);
	}
	/* Keyframes need their state decoded: compare() does that. */
	if (ra == 0 && rb == 0 && !ia && !ib && a->kind != RR_EV_KEYFRAME &&
	    compare_events_of(a, a->len, digest_of(a), b, b->len,
	    digest_of(b)) == 0) {
		counted(d, 0);
		counted(d, 1);
		same_pair(d, a, b);
		return 0;
	}
	if ((ra == 0 && !ia && enqueue(d, 0, a) != 0) ||
	    (rb == 0 && !ib && enqueue(d, 1, b) != 0))
		return -1;
	return ra || rb;
}

/* Compare one pair, aligned by order; say what it is. */
static void
compare(struct rr_diff *d, const struct rr_diff_event *a,
    const struct rr_diff_event *b)
{
	int c = compare_pair(a, b);
	int input = rr_diff_kind_class(a->ev.kind) == RR_DIFF_CLASS_INPUT;

	if (c == 0) {
		same_pair(d, &a->ev, &b->ev);
		return;
	}
	if (a->ev.kind == RR_EV_CHECKPOINT)
		d->rep->checkpoints++;
	if (input && c == 2)
		note_input(d, a, b);
	/*
	 * An input that differs is a cause; one that differs only in its
	 * icount is a consequence of an earlier difference (the guest ran
	 * otherwise), or, when nothing differed before, a cause itself
	 * (the host delivered it at another time).
	 */
	if (input && !d->root.set) {
		cause_item(d, a, b, c == 1);
		return;
	}
	/* With all, each input that differs is a cause of its own. */
	if (input && c == 2 && d->o.all) {
		cause_item(d, a, b, 0);
		return;
	}
	if (d->root.set) {
		if (c == 1)
			d->root.shifted++;
		else
			d->root.changed++;
		if (input && c == 2)
			d->root.inputs++;
	}
	if (input)
		return;
	if (!d->root.set) {
		/* Behaviour parts with no input before it. */
		open_root(d, 0, a, b);
		if (!d->stop)
			effect_item(d, a, b, c == 1);
	} else if (!d->root.effect_found) {
		d->root.effect_found = 1;
		effect_item(d, a, b, c == 1);
	}
	if (!d->o.all && d->root.effect_found)
		d->stop = 1;
}

/* Pair what both sides have queued, kind by kind, in order. */
static void
pair_queued(struct rr_diff *d)
{
	struct queue *qa, *qb;
	int k;

	for (k = 0; k < NQ && !d->stop; k++) {
		qa = &d->s[0].q[k];
		qb = &d->s[1].q[k];
		while (qa->n > 0 && qb->n > 0 && !d->stop) {
			compare(d, queue_front(qa), queue_front(qb));
			queue_pop(&d->s[0], qa);
			queue_pop(&d->s[1], qb);
		}
	}
}

/*
 * Side i ended: what the other side has queued, and has still to
 * read, has no partner.  With no difference before, that is one (a
 * prefix); after one, its consequences.
 */
static int
drain_unpaired(struct rr_diff *d, int i)
{
	struct side *o = &d->s[!i];
	struct rr_diff_event *first = NULL;
	int k, rc;

	for (k = 0; k < NQ; k++)
		if (o->q[k].n > 0 && (first == NULL ||
		    queue_front(&o->q[k])->ev.number < first->ev.number))
			first = queue_front(&o->q[k]);
	if (first == NULL && !o->at_eof) {
		if ((rc = read_one(d, !i)) < 0)
			return -1;
		if (rc == 0) {
			k = queue_of(d->ev[!i].kind);
			if (o->q[k].n > 0)
				first = queue_front(&o->q[k]);
			else
				return 0;	/* ignored: read on */
		}
	}
	if (first == NULL)
		return 1;
	if (!d->root.set) {
		eof_item(d, i, first);
		if (!d->o.all)
			d->stop = 1;
	} else if (!d->root.effect_found) {
		/* The guest goes on in one log only. */
		d->root.effect_found = 1;
		effect_item(d, i == 1 ? first : NULL, i == 0 ? first : NULL,
		    0);
		if (!d->o.all)
			d->stop = 1;
	}
	if (d->stop)
		return 1;
	/* Count the rest without keeping it. */
	for (k = 0; k < NQ; k++) {
		d->root.unpaired += o->q[k].n;
		while (o->q[k].n > 0)
			queue_pop(o, &o->q[k]);
	}
	while (!o->at_eof) {
		if ((rc = read_one(d, !i)) < 0)
			return -1;
		if (rc == 0 && !ignored(d, d->ev[!i].kind)) {
			d->root.unpaired++;
			k = queue_of(d->ev[!i].kind);
			queue_pop(o, &o->q[k]);
		}
	}
	return 1;
}

static int
compare_events(struct rr_diff *d, uint64_t from)
{
	int need[2], i, k, rc;

	/*
	 * Every event before from was stored in identical bytes: replays of
	 * the two logs are in the same state when they reach it.
	 */
	if (from > 0) {
		d->have_agree = 1;
		d->agree_prefix = 1;
		d->agree_a = d->agree_b = from;
		d->agree_icount = 0;
	}
	while (!d->stop) {
		pair_queued(d);
		if (d->stop)
			break;
		if (d->s[0].queued == 0 && d->s[1].queued == 0 &&
		    !d->s[0].at_eof && !d->s[1].at_eof) {
			if (step_in_step(d) < 0)
				return -1;
			continue;
		}
		/* Read the side a partner is missing on; else both. */
		need[0] = need[1] = 0;
		for (k = 0; k < NQ; k++) {
			if (d->s[0].q[k].n > 0 && d->s[1].q[k].n == 0)
				need[1] = 1;
			if (d->s[1].q[k].n > 0 && d->s[0].q[k].n == 0)
				need[0] = 1;
		}
		if (!need[0] && !need[1])
			need[0] = need[1] = 1;
		for (i = 0; i < 2; i++)
			if (need[i] && d->s[i].at_eof) {
				if ((rc = drain_unpaired(d, i)) < 0)
					return -1;
				if (rc == 1)
					goto done;
				need[i] = 0;
			}
		if (d->s[0].at_eof && d->s[1].at_eof)
			break;
		for (i = 0; i < 2; i++) {
			if (!need[i] || d->s[i].at_eof)
				continue;
			if (read_one(d, i) < 0)
				return -1;
		}
		if (d->s[0].queued > RR_DIFF_LAG ||
		    d->s[1].queued > RR_DIFF_LAG) {
			d->rep->gave_up = 1;
			d->rep->gave_up_event[0] = d->s[0].last;
			d->rep->gave_up_event[1] = d->s[1].last;
			break;
		}
	}
done:
	finish_held(d);
	close_root(d);
	return 0;
}

static int
open_side(struct rr_diff *d, int i, const char *path)
{
	struct side *s = &d->s[i];
	struct stat st;

	s->path = path;
	s->fd = -1;
	s->at_eof = 0;
	s->last = 0;
	if (strcmp(path, "-") == 0 && d->stdin_r != NULL) {
		s->r = d->stdin_r;
		d->stdin_r = NULL;
		return 0;
	}
	if (rr_reader_open(&s->r, path, &d->err) != RR_OK) {
		rr_qreplay_refuse_path(path, "rrdiff compares rr logs and "
		    "snapshots", &d->err);
		d->err_side = i;
		return -1;
	}
	if (strcmp(path, "-") != 0 &&
	    (s->fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0 &&
	    fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode))
		s->size = (uint64_t)st.st_size;
	else if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
	return 0;
}

static void
close_sides(struct rr_diff *d)
{
	int i;

	for (i = 0; i < 2; i++) {
		rr_reader_close(d->s[i].r);
		d->s[i].r = NULL;
		if (d->s[i].fd >= 0)
			close(d->s[i].fd);
		d->s[i].fd = -1;
		queues_free(&d->s[i]);
	}
}

/* Start side i at event from, or at its range. */
static int
seek_side(struct rr_diff *d, int i, uint64_t from)
{
	struct side *s = &d->s[i];
	int rc = 0;

	if (d->o.ranged && d->o.ev_lo[i] > from)
		from = d->o.ev_lo[i];
	if (from > 0)
		rc = rr_reader_seek_event(s->r, from);
	else if (d->o.ranged && d->o.ic_lo[i] > 0)
		rc = rr_reader_seek_icount(s->r, d->o.ic_lo[i]);
	if (rc < 0) {
		d->err = *rr_reader_error(s->r);
		d->err_side = i;
		return -1;
	}
	if (from > 0)
		s->last = from;
	return 0;
}

int
rr_diff_logs(struct rr_diff *d, const char *a, const char *b,
    struct rr_diff_report *rep)
{
	uint64_t from = 0;
	int rc = RR_OK, i;

	memset(rep, 0, sizeof(*rep));
	rr_clearerr(&d->err);
	d->rep = rep;
	d->stop = 0;
	d->have_agree = d->agree_prefix = 0;
	d->pending = 0;
	d->root.set = 0;
	d->held = 0;
	if (open_side(d, 0, a) != 0 || open_side(d, 1, b) != 0) {
		close_sides(d);
		return RR_FATAL;
	}
	compare_headers(d, rr_reader_header(d->s[0].r),
	    rr_reader_header(d->s[1].r));
	if (rep->header_differs)
		goto done;
	/* Start decoding where the stored blocks part, less the context. */
	if (!d->o.ranged) {
		from = skip_blocks(d);
		from = from > d->o.context ? from - d->o.context : 0;
	}
	for (i = 0; i < 2; i++)
		if (seek_side(d, i, from) != 0) {
			rc = RR_FATAL;
			goto done;
		}
	if (compare_events(d, from) != 0) {
		flush_held(d);	/* what was found before the trouble */
		rc = RR_FATAL;
	}
	/* A log read to its end says whether that end is whole. */
	for (i = 0; rc == RR_OK && i < 2; i++) {
		const struct rr_error *e;

		if (d->s[i].at_eof && !d->o.ranged &&
		    (e = rr_reader_end_error(d->s[i].r)) != NULL)
			rep->end_err[i] = *e;
	}
done:
	close_sides(d);
	rep->same = rc == RR_OK && rep->differences == 0 &&
	    rep->inputs == 0 && !rep->gave_up;
	return rc;
}
