/*
 * librr: where two recordings part.  Identical stored blocks are skipped
 * by comparing their bytes; then events are compared in order, host
 * values (clock, entropy) apart from guest behaviour, and checkpoints
 * say whether the guest's state still agrees.
 */
#include <errno.h>
#include <fcntl.h>
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

struct side {
	const char	*path;
	struct rr_reader *r;
	int		 fd;		/* raw view for block skipping, or -1 */
	uint64_t	 size;
	struct rr_event	 ev;
	int		 at_eof;
	uint64_t	 count;		/* events read (not ignored) */
	uint64_t	 last;		/* number of the last event read + 1 */
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

	/* Context: the last pairs that compared equal, a ring. */
	struct rr_diff_event ctx[2][CTX_MAX], ctxout[2][CTX_MAX];
	size_t		 nctx, ctxhead;

	/* Since the last agreeing checkpoint: differing inputs. */
	int		 have_agree, agree_prefix;
	uint64_t	 agree_icount, agree_a, agree_b;
	uint64_t	 pending;
	struct rr_diff_event cand[2][RR_DIFF_CAND];
	struct rr_diff_event cur[2];
	int		 stop;
	uint8_t		*blk[2];
	size_t		 blkcap[2];
};

static void	 keep_free(struct rr_diff_event *k, size_t n);

const char *
rr_diff_type_name(int type)
{
	static const char *const names[] = {
		"?", "header", "event", "eof", "input", "state"
	};

	if (type < RR_DIFF_HEADER || type > RR_DIFF_STATE)
		return "?";
	return names[type];
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

void
rr_diff_free(struct rr_diff *d)
{
	int i;

	if (d == NULL)
		return;
	rr_reader_close(d->stdin_r);
	for (i = 0; i < 2; i++) {
		keep_free(d->ctx[i], CTX_MAX);
		keep_free(&d->cur[i], 1);
		keep_free(d->cand[i], RR_DIFF_CAND);
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

/*
 * Keep a copy of ev whose pointers stay valid.  Long payloads (keyframes,
 * large bottom halves) go to a buffer the slot keeps for reuse; if there
 * is no memory for it, the copy is cut to what fits and says so by its
 * length.
 */
static void
keep(struct rr_diff_event *k, const struct rr_event *ev)
{
	uint8_t *dst = k->bytes, *p;
	size_t n = ev->len;

	k->ev = *ev;
	if (n > RR_DIFF_KEEP) {
		if (n > k->heapcap && (p = realloc(k->heap, n)) != NULL) {
			k->heap = p;
			k->heapcap = n;
		}
		if (n <= k->heapcap)
			dst = k->heap;
		else
			n = RR_DIFF_KEEP;
	}
	if (n > 0)
		memcpy(dst, ev->data, n);
	k->ev.data = dst;
	k->ev.len = n;
	k->ev.raw = NULL;
	k->ev.raw_len = 0;
}

static void
keep_free(struct rr_diff_event *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(k[i].heap);
		k[i].heap = NULL;
		k[i].heapcap = 0;
	}
}

static void
emit(struct rr_diff *d, struct rr_diff_item *it)
{
	if (it->type != RR_DIFF_INPUT)
		d->rep->differences++;
	if (d->item != NULL)
		d->item(d->item_arg, it);
	if (it->type != RR_DIFF_INPUT && (!d->o.all || (d->o.max > 0 &&
	    d->rep->differences >= d->o.max)))
		d->stop = 1;
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
		return 0;
	return (d->o.ignore[kind >> 3] >> (kind & 7)) & 1;
}

/*
 * The next event on side i that is not ignored.  0, 1 at the end (END
 * taken, or the data ends: a truncated log is a prefix), -1 trouble.
 */
static int
next(struct rr_diff *d, int i)
{
	struct side *s = &d->s[i];
	const struct rr_error *e;
	int rc;

	for (;;) {
		rc = rr_reader_next(s->r, &s->ev);
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
		s->last = s->ev.number + 1;
		if (!ignored(d, s->ev.kind))
			break;
	}
	s->count++;
	if (i == 0)
		d->rep->events_a++;
	else
		d->rep->events_b++;
	return 0;
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

static int
same_bytes(const struct rr_event *a, const struct rr_event *b)
{
	return a->len == b->len && (a->len == 0 ||
	    memcmp(a->data, b->data, a->len) == 0);
}

/* Do two events at the same place say the same?  Host values aside. */
static int
same_event(const struct rr_event *a, const struct rr_event *b)
{
	int oka, okb;
	uint64_t ha, hb;

	if (a->kind != b->kind || a->icount != b->icount)
		return 0;
	switch (a->kind) {
	case RR_EV_CLOCK:
	case RR_EV_ENTROPY:
		return a->value == b->value;
	case RR_EV_BH:
	case RR_EV_OUTPUT:
		return a->device == b->device && a->subkind == b->subkind &&
		    same_bytes(a, b);
	case RR_EV_CHECKPOINT:
		return a->value == b->value;
	case RR_EV_KEYFRAME:
		/* Snapshots carry metadata too: compare the states. */
		ha = keyframe_hash(a, &oka);
		hb = keyframe_hash(b, &okb);
		if (oka && okb)
			return ha == hb;
		return same_bytes(a, b);
	case RR_EV_END:
		return a->status == b->status && a->subkind == b->subkind &&
		    same_bytes(a, b);
	default:	/* mark, unknown kinds: the payload */
		return same_bytes(a, b);
	}
}

static int
host_value(uint32_t kind)
{
	return kind == RR_EV_CLOCK || kind == RR_EV_ENTROPY;
}

static void
push_context(struct rr_diff *d)
{
	size_t slot;

	if (d->o.context == 0)
		return;
	slot = (d->ctxhead + d->nctx) % d->o.context;
	if (d->nctx == d->o.context)
		d->ctxhead = (d->ctxhead + 1) % d->o.context;
	else
		d->nctx++;
	keep(&d->ctx[0][slot], &d->s[0].ev);
	keep(&d->ctx[1][slot], &d->s[1].ev);
}

/* The context, oldest first, into ctxout. */
static size_t
take_context(struct rr_diff *d)
{
	size_t i, n = d->nctx;

	/* Views of the ring's slots, oldest first; they own nothing. */
	for (i = 0; i < n; i++) {
		struct rr_diff_event *ka, *kb;

		ka = &d->ctx[0][(d->ctxhead + i) % d->o.context];
		kb = &d->ctx[1][(d->ctxhead + i) % d->o.context];
		d->ctxout[0][i].ev = ka->ev;
		d->ctxout[1][i].ev = kb->ev;
		d->ctxout[0][i].heap = d->ctxout[1][i].heap = NULL;
	}
	d->nctx = 0;
	d->ctxhead = 0;
	return n;
}

static void
event_item(struct rr_diff *d, int have_a, int have_b)
{
	struct rr_diff_item it;

	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_EVENT;
	if (have_a) {
		keep(&d->cur[0], &d->s[0].ev);
		it.a = &d->cur[0];
	}
	if (have_b) {
		keep(&d->cur[1], &d->s[1].ev);
		it.b = &d->cur[1];
	}
	it.nctx = take_context(d);
	it.ctx_a = d->ctxout[0];
	it.ctx_b = d->ctxout[1];
	emit(d, &it);
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

/* Checkpoints at one icount whose states differ, after inputs did. */
static void
state_item(struct rr_diff *d)
{
	struct rr_diff_item it;

	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_STATE;
	keep(&d->cur[0], &d->s[0].ev);
	keep(&d->cur[1], &d->s[1].ev);
	it.a = &d->cur[0];
	it.b = &d->cur[1];
	parts_differ(&it, &d->s[0].ev, &d->s[1].ev);
	it.have_agree = d->have_agree;
	it.agree_prefix = d->agree_prefix;
	it.agree_icount = d->agree_icount;
	it.agree_event_a = d->agree_a;
	it.agree_event_b = d->agree_b;
	it.inputs = d->pending;
	it.ncand = d->pending < RR_DIFF_CAND ? (size_t)d->pending :
	    RR_DIFF_CAND;
	it.cand_a = d->cand[0];
	it.cand_b = d->cand[1];
	emit(d, &it);
}

static void
input_item(struct rr_diff *d)
{
	struct rr_diff_item it;

	if (d->pending < RR_DIFF_CAND) {
		keep(&d->cand[0][d->pending], &d->s[0].ev);
		keep(&d->cand[1][d->pending], &d->s[1].ev);
	}
	d->pending++;
	d->rep->inputs++;
	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_INPUT;
	keep(&d->cur[0], &d->s[0].ev);
	keep(&d->cur[1], &d->s[1].ev);
	it.a = &d->cur[0];
	it.b = &d->cur[1];
	it.have_agree = d->have_agree;
	it.agree_icount = d->agree_icount;
	emit(d, &it);
}

static void
eof_item(struct rr_diff *d, int side)
{
	struct rr_diff_item it;

	memset(&it, 0, sizeof(it));
	it.type = RR_DIFF_EOF;
	it.eof_side = side;
	it.eof_events = d->s[side].last;
	if (!d->s[!side].at_eof) {
		keep(&d->cur[!side], &d->s[!side].ev);
		if (side == 0)
			it.b = &d->cur[1];
		else
			it.a = &d->cur[0];
	}
	it.nctx = take_context(d);
	it.ctx_a = d->ctxout[0];
	it.ctx_b = d->ctxout[1];
	emit(d, &it);
}

/* Compare the current pair; advance what was compared. */
static int
step(struct rr_diff *d)
{
	struct rr_event *a = &d->s[0].ev, *b = &d->s[1].ev;
	int ra = 0, rb = 0;

	if (a->kind == b->kind && a->icount == b->icount) {
		if (a->kind == RR_EV_CHECKPOINT) {
			d->rep->checkpoints++;
			if (a->value == b->value) {
				d->have_agree = 1;
				d->agree_prefix = 0;
				d->agree_icount = a->icount;
				d->agree_a = a->number;
				d->agree_b = b->number;
				d->pending = 0;
				push_context(d);
			} else if (d->pending > 0)
				state_item(d);
			else
				event_item(d, 1, 1);
		} else if (host_value(a->kind) && a->value != b->value)
			input_item(d);
		else if (same_event(a, b))
			push_context(d);
		else
			event_item(d, 1, 1);
		ra = rb = 1;
	} else {
		/* Resynchronise on icount: the earlier one has no partner. */
		if (a->icount < b->icount)
			ra = 1;
		else if (b->icount < a->icount)
			rb = 1;
		else
			ra = rb = 1;
		event_item(d, ra, rb);
	}
	if (ra && next(d, 0) < 0)
		return -1;
	if (rb && next(d, 1) < 0)
		return -1;
	return 0;
}

static int
compare_events(struct rr_diff *d, uint64_t from)
{
	int ea, eb;

	if ((ea = next(d, 0)) < 0 || (eb = next(d, 1)) < 0)
		return -1;
	/*
	 * Every event before from was stored in identical bytes: replays of
	 * the two logs are in the same state when they reach it.
	 */
	if (from > 0 && !d->s[0].at_eof && !d->s[1].at_eof) {
		d->have_agree = 1;
		d->agree_prefix = 1;
		d->agree_icount = d->s[0].ev.icount < d->s[1].ev.icount ?
		    d->s[0].ev.icount : d->s[1].ev.icount;
		d->agree_a = d->agree_b = from;
	}
	while (!d->stop) {
		if (d->s[0].at_eof || d->s[1].at_eof) {
			if (d->s[0].at_eof && d->s[1].at_eof)
				break;
			eof_item(d, d->s[0].at_eof ? 0 : 1);
			break;
		}
		if (step(d) < 0)
			return -1;
	}
	return 0;
}

static int
open_side(struct rr_diff *d, int i, const char *path)
{
	struct side *s = &d->s[i];
	struct stat st;

	memset(s, 0, sizeof(*s));
	s->path = path;
	s->fd = -1;
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
	}
}

int
rr_diff_logs(struct rr_diff *d, const char *a, const char *b,
    struct rr_diff_report *rep)
{
	uint64_t from;
	int rc = RR_OK, i;

	memset(rep, 0, sizeof(*rep));
	rr_clearerr(&d->err);
	d->rep = rep;
	d->stop = 0;
	d->nctx = d->ctxhead = 0;
	d->have_agree = d->agree_prefix = 0;
	d->pending = 0;
	if (open_side(d, 0, a) != 0 || open_side(d, 1, b) != 0) {
		close_sides(d);
		return RR_FATAL;
	}
	compare_headers(d, rr_reader_header(d->s[0].r),
	    rr_reader_header(d->s[1].r));
	if (rep->header_differs)
		goto done;
	/* Start decoding where the stored blocks part, less the context. */
	from = skip_blocks(d);
	from = from > d->o.context ? from - d->o.context : 0;
	for (i = 0; from > 0 && i < 2; i++) {
		if (rr_reader_seek_event(d->s[i].r, from) < 0) {
			d->err = *rr_reader_error(d->s[i].r);
			d->err_side = i;
			rc = RR_FATAL;
			goto done;
		}
		d->s[i].last = from;
	}
	if (compare_events(d, from) != 0)
		rc = RR_FATAL;
	/* A log read to its end says whether that end is whole. */
	for (i = 0; rc == RR_OK && i < 2; i++) {
		const struct rr_error *e;

		if (d->s[i].at_eof &&
		    (e = rr_reader_end_error(d->s[i].r)) != NULL)
			rep->end_err[i] = *e;
	}
done:
	close_sides(d);
	rep->same = rc == RR_OK && rep->differences == 0 && rep->inputs == 0;
	return rc;
}
