/* librr: cut a range out of a log, split it into pieces, salvage a damaged one. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr.h"
#include "internal.h"
#include "edit.h"

/* The last keyframe with number <= maxev and icount <= maxic. */
static int
find_key(struct rr_source *s, uint64_t maxev, uint64_t maxic,
    struct rr_key *k)
{
	struct rr_key_bounds b = { 0, maxic, 0, maxev };
	struct rr_event ev;
	int rc;

	s->rdnext = UINT64_MAX;
	if ((rc = rr_reader_last_keyframe(s->r, &b, &ev)) == RR_EOF)
		return src_fail(s, RR_E_CORRUPT, RR_NO_OFFSET, 0,
		    "no keyframe at or before the start");
	if (rc != RR_OK)
		return src_rerr(s);
	k->event = ev.number;
	k->icount = ev.icount;
	k->offset = ev.offset;
	return RR_OK;
}

/* The log's END: its number and icount (from the index). */
static int
read_end(struct rr_source *s, uint64_t *endno, uint64_t *end_ic,
    struct rr_cut_plan *p)
{
	uint64_t n, ic;
	int closed, rc;

	(void)p;
	if ((rc = src_extent(s, &n, &ic, &closed)) != RR_OK)
		return rc;
	if (!closed || n == 0)
		return src_fail(s, RR_E_TRUNCATED, RR_NO_OFFSET, RR_NO_EVENT,
		    "the log was not closed (recorder killed?): salvage it "
		    "first");
	/* Numbers in the original run on differently past a gap. */
	if (rr_source_header(s)->gaps > 0)
		return src_fail(s, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "the log has gaps: cutting it is not supported");
	*endno = n - 1;
	*end_ic = ic;
	return RR_OK;
}

/* The END event itself, for a cut that keeps it: status, reason, text. */
static int
load_end(struct rr_source *s, uint64_t endno, struct rr_cut_plan *p)
{
	struct rr_event ev;
	int rc;

	if ((rc = src_event_at(s, endno, &ev)) != RR_OK)
		return rc;
	if (ev.kind != RR_EV_END)
		return src_fail(s, RR_E_CORRUPT, ev.offset, ev.number,
		    "the last event is not END");
	p->end_status = ev.status;
	p->end_reason = ev.subkind;
	snprintf(p->end_text, sizeof(p->end_text), "%.*s",
	    (int)(ev.len < 255 ? ev.len : 255), (const char *)ev.data);
	return RR_OK;
}

/* About how many bytes a cut of the blocks from a to b takes. */
static uint64_t
span(struct rr_source *s, uint64_t a, uint64_t b)
{
	if (a == RR_NO_OFFSET || b < a)
		return 0;
	return b - a + s->data_start + rr_source_header(s)->block_size / 8;
}

/* Finish p for the events key..last and an END at end_ic. */
static int
plan_end(struct rr_source *s, struct rr_cut_plan *p, uint64_t endno,
    uint64_t end_ic, uint64_t ihi)
{
	struct rr_event ev;
	uint64_t end_off;
	int rc;

	/*
	 * A replay stops at an instruction boundary, after the events
	 * taken during the instruction before it: so keep every event at
	 * the last icount wanted and stop at the next one.
	 */
	if (ihi == UINT64_MAX || end_ic <= ihi + 1) {
		p->keeps_end = 1;
		p->last_event = endno - 1;
		p->end_icount = end_ic;
		end_off = s->file_size;
		if ((rc = load_end(s, endno, p)) != RR_OK)
			return rc;
	} else {
		s->rdnext = UINT64_MAX;
		rc = rr_reader_seek_icount(s->r, ihi + 1);
		if (rc == RR_OK)
			rc = rr_reader_next(s->r, &ev);
		if (rc != RR_OK)
			return rc == RR_EOF ? src_fail(s, RR_E_CORRUPT,
			    RR_NO_OFFSET, RR_NO_EVENT, "index and events "
			    "disagree") : src_rerr(s);
		p->keeps_end = 0;
		p->last_event = ev.number - 1;
		p->end_icount = ihi + 1;
		end_off = ev.offset;
		p->end_status = 0;
		p->end_reason = RR_END_CUT;
		snprintf(p->end_text, sizeof(p->end_text), "cut");
	}
	if (p->last_event < p->key_event)
		return src_fail(s, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "the range ends before its keyframe");
	p->events = p->last_event - p->key_event + 2;
	p->bytes = span(s, p->key_offset, end_off);
	return RR_OK;
}

int
rr_cut_plan(struct rr_source *s, const struct rr_cut_spec *spec,
    struct rr_cut_plan *p)
{
	struct rr_event ev;
	struct rr_key k;
	uint64_t endno, end_ic, maxev, maxic, ihi;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = read_end(s, &endno, &end_ic, p)) != RR_OK)
		return rc;
	if (spec->lo > spec->hi)
		return src_fail(s, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "empty range");
	if (spec->by_icount) {
		if (spec->lo > end_ic)
			return src_fail(s, RR_E_INVAL, RR_NO_OFFSET,
			    RR_NO_EVENT, "the range starts after the log's "
			    "END (icount %llu)", (unsigned long long)end_ic);
		maxev = endno;
		maxic = spec->lo;
		ihi = spec->hi;
	} else {
		if (spec->lo > endno)
			return src_fail(s, RR_E_INVAL, RR_NO_OFFSET,
			    RR_NO_EVENT, "the range starts after the log's "
			    "END (event %llu)", (unsigned long long)endno);
		if ((rc = src_event_at(s, spec->lo, &ev)) != RR_OK)
			return rc;
		maxev = spec->lo;
		maxic = ev.icount;
		if (spec->hi >= endno)
			ihi = UINT64_MAX;
		else {
			if ((rc = src_event_at(s, spec->hi, &ev)) != RR_OK)
				return rc;
			ihi = ev.icount;
		}
	}
	if ((rc = find_key(s, maxev, maxic, &k)) != RR_OK)
		return rc;
	p->key_event = k.event;
	p->key_icount = k.icount;
	p->key_offset = k.offset;
	return plan_end(s, p, endno, end_ic, ihi);
}

/*
 * Write the cut; with kf, the output starts with that keyframe (made by
 * replaying to key_icount: rrcut --exact) and then the parent's events
 * from from_event on, instead of the parent's keyframe.
 */
static int
cut_write(struct rr_source *s, const struct rr_cut_plan *p, const void *kf,
    size_t kflen, uint64_t from_event, const char *out)
{
	const struct rr_header *in = rr_source_header(s);
	struct rr_writer_options o;
	struct rr_writer *w;
	struct rr_header h = *in;
	struct rr_error e;
	uint64_t first = kf != NULL ? from_event : p->key_event;
	int rc;

	/*
	 * Provenance: numbers in the original recording.  A piece whose
	 * first event was made by --exact has one event more than it
	 * took from its parent.
	 */
	h.has_origin = 1;
	h.gaps = 0;
	h.origin_flags = kf != NULL ? RR_ORIGIN_EXACT : 0;
	h.origin_icount = p->key_icount;
	if (!in->has_origin)
		h.origin_event = first;
	else if (!(in->origin_flags & RR_ORIGIN_EXACT))
		h.origin_event = in->origin_event + first;
	else if (first == 0) {
		h.origin_event = in->origin_event;
		h.origin_flags = RR_ORIGIN_EXACT;
	} else
		h.origin_event = in->origin_event + first - 1;
	/* Nothing the verifier rejects is copied (nor replayed from). */
	if ((rc = src_vet_events(s, p->key_event, p->last_event)) != RR_OK)
		return rc;
	memset(&o, 0, sizeof(o));
	o.block_size = in->block_size;
	o.inputs = &s->id;
	o.ninputs = 1;
	if (rr_writer_open(&w, out, &h, &o, &e) != RR_OK) {
		src_outerr(s, &e);
		return RR_FATAL;
	}
	if (kf != NULL && rr_writer_keyframe(w, p->key_icount, kf, kflen) !=
	    RR_OK) {
		src_outerr(s, rr_writer_error(w));
		rr_writer_abort(w);
		return RR_FATAL;
	}
	if (first <= p->last_event && (rc = src_copy(s, w, first,
	    kf != NULL ? RR_NO_OFFSET : p->key_offset, p->last_event)) !=
	    RR_OK) {
		rr_writer_abort(w);
		return rc;
	}
	if (rr_writer_close(w, p->end_icount, p->end_status, p->end_reason,
	    p->end_text, &e) != RR_OK) {
		src_outerr(s, &e);
		return RR_FATAL;
	}
	return RR_OK;
}

int
rr_cut_write(struct rr_source *s, const struct rr_cut_plan *p,
    const char *out)
{
	return cut_write(s, p, NULL, 0, 0, out);
}

int
rr_cut_write_keyed(struct rr_source *s, const struct rr_cut_plan *p,
    const void *kf, size_t len, uint64_t icount, uint64_t next_event,
    const char *out)
{
	struct rr_cut_plan q = *p;

	if (icount < p->key_icount || icount >= p->end_icount ||
	    next_event < p->key_event)
		return src_fail(s, RR_E_INVAL, RR_NO_OFFSET, next_event,
		    "the keyframe at icount %llu is outside the cut",
		    (unsigned long long)icount);
	q.key_icount = icount;
	q.key_event = next_event;
	return cut_write(s, &q, kf, len, next_event, out);
}

/* ---- split ---- */

int
rr_split_keys(struct rr_source *s, const uint64_t *targets, size_t ntargets,
    struct rr_key *keys, size_t *np)
{
	struct rr_key k;
	size_t i, n = 0, room = *np;
	uint64_t endno, end_ic;
	struct rr_cut_plan p;
	int rc;

	if ((rc = read_end(s, &endno, &end_ic, &p)) != RR_OK)
		return rc;
	if ((rc = find_key(s, 0, 0, &k)) != RR_OK)
		return rc;
	keys[n++] = k;
	for (i = 0; i < ntargets && n < room; i++) {
		if (targets[i] > end_ic)
			break;
		if ((rc = find_key(s, endno, targets[i], &k)) != RR_OK)
			return rc;
		if (k.event > keys[n - 1].event)
			keys[n++] = k;
	}
	*np = n;
	return RR_OK;
}

int
rr_split_targets_by_size(struct rr_source *s, uint64_t size,
    uint64_t *targets, size_t *n, size_t room)
{
	struct bhdr b;
	uint64_t off = s->data_start, mark = size;
	int rc;

	*n = 0;
	if (size == 0)
		return src_fail(s, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "piece size 0");
	while ((rc = src_block(s, off, &b)) == 1 && *n < room) {
		if (b.blk.offset >= mark && b.blk.count > 0) {
			targets[(*n)++] = b.blk.icount_first;
			while (mark <= b.blk.offset)
				mark += size;
		}
		off += b.blk.size;
	}
	return rc < 0 ? RR_FAILED : RR_OK;
}

int
rr_split_plan(struct rr_source *s, const struct rr_key *keys, size_t nkeys,
    size_t i, struct rr_cut_plan *p)
{
	uint64_t endno, end_ic;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = read_end(s, &endno, &end_ic, p)) != RR_OK)
		return rc;
	p->key_event = keys[i].event;
	p->key_icount = keys[i].icount;
	p->key_offset = keys[i].offset;
	if (i + 1 == nkeys)
		return plan_end(s, p, endno, end_ic, UINT64_MAX);
	/*
	 * Up to the next piece's keyframe, at whose icount this one ends:
	 * the events there before the keyframe (the checkpoint) are this
	 * piece's, and a replay stops at END before the rest.
	 */
	p->keeps_end = 0;
	p->last_event = keys[i + 1].event - 1;
	p->end_icount = keys[i + 1].icount;
	p->end_status = 0;
	p->end_reason = RR_END_CUT;
	snprintf(p->end_text, sizeof(p->end_text), "cut");
	p->events = p->last_event - p->key_event + 2;
	p->bytes = span(s, p->key_offset, keys[i + 1].offset);
	return RR_OK;
}

/* ---- salvage ---- */

/* A stretch of the input read from one place to its end or damage. */
struct stretch {
	uint64_t	 off, seq, fe, ifirst;	/* the block it starts in */
	uint64_t	 key;		/* its first event kept (a keyframe) */
	uint64_t	 key_ic;
	uint64_t	 keep;		/* events before this number are kept */
	uint64_t	 cut_ic;	/* ... those with icount below this */
	uint64_t	 read;		/* events read: numbers below this */
	uint64_t	 gaps;		/* gap events among those kept */
	int		 got_end;
	struct rr_cut_plan end;		/* the input's END, if got_end */
	struct rr_error	 why;		/* the damage that stopped it */
};

/*
 * Read the input's events from where the reader stands: from the first
 * keyframe at or after icount min_ic on (need_key), else from the
 * first event.  The events of the last icount read may be incomplete
 * (some lost with the damage), so only those before it are kept.
 * 1 when something is kept, 0 when not, -1 when the log is unusable.
 */
static int
read_stretch(struct rr_source *s, struct stretch *t, int need_key,
    uint64_t min_ic)
{
	struct rr_event ev;
	uint64_t last_ic = 0, ngap = 0;
	int rc, started = 0;

	t->keep = t->read = 0;
	t->gaps = 0;
	t->got_end = 0;
	while ((rc = rr_reader_next(s->r, &ev)) == RR_OK) {
		/* What rrverify rejects ends the stretch, as damage does. */
		if (src_vet_event(s, ev.number, ev.offset) != RR_OK) {
			if (s->err.kind == RR_E_NOMEM || s->err.kind == RR_E_IO)
				return -1;
			t->read = ev.number;
			t->why = s->err;
			return started && t->keep > t->key ? 1 : 0;
		}
		t->read = ev.number + 1;
		if (!started) {
			if (ev.kind != RR_EV_KEYFRAME || ev.icount < min_ic) {
				if (!need_key) {
					src_fail(s, RR_E_CORRUPT, ev.offset,
					    0, "the log does not start with "
					    "a keyframe");
					return -1;
				}
				continue;
			}
			started = 1;
			t->key = t->keep = ev.number;
			t->key_ic = last_ic = ev.icount;
		}
		if (ev.kind == RR_EV_END) {
			t->got_end = 1;
			t->read = ev.number;
			t->keep = ev.number;
			t->cut_ic = ev.icount;
			t->gaps = ngap;
			t->end.end_status = ev.status;
			t->end.end_reason = ev.subkind;
			snprintf(t->end.end_text, sizeof(t->end.end_text),
			    "%.*s", (int)(ev.len < 255 ? ev.len : 255),
			    (const char *)ev.data);
			return 1;
		}
		if (ev.icount > last_ic) {
			t->keep = ev.number;	/* events before this icount */
			t->cut_ic = ev.icount;
			t->gaps = ngap;
		}
		last_ic = ev.icount;
		if (ev.kind == RR_EV_GAP)
			ngap++;
	}
	t->why = *rr_reader_error(s->r);
	if (t->why.kind == 0)
		rr_seterr(&t->why, RR_E_TRUNCATED, RR_NO_OFFSET, t->read,
		    "the log ends without END");
	return started && t->keep > t->key ? 1 : 0;
}

/* The first block from off on that holds an event numbered n or later. */
static uint64_t
first_unused(struct rr_source *s, uint64_t off, uint64_t n)
{
	struct bhdr b;

	while (src_block(s, off, &b) == 1 && b.blk.first_event + b.blk.count <= n)
		off += b.blk.size;
	return off;
}

/*
 * Past damage: the first event block from off on whose header is whole
 * and checks, found by its magic.  1 with b filled, 0 if none.
 */
static int
next_good_block(struct rr_source *s, uint64_t off, struct bhdr *b)
{
	uint8_t buf[65536];
	ssize_t k;
	size_t i;

	while (off + BLK_HDR <= s->file_size) {
		if ((k = pread(s->fd, buf, sizeof(buf), (off_t)off)) < 4)
			return 0;
		for (i = 0; i + 4 <= (size_t)k; i++)
			if (memcmp(buf + i, BLK_MAGIC, 4) == 0 &&
			    src_block(s, off + i, b) == 1 &&
			    b->blk.type == BLK_TYPE_EVENTS)
				return 1;
		off += (uint64_t)k - 3;
	}
	return 0;
}

/*
 * Past the damage at from: the first readable block, after which a
 * keyframe at or after icount min_ic starts a stretch that keeps
 * something.  1 with t filled, 0 if there is none.
 */
static int
find_resume(struct rr_source *s, uint64_t from, uint64_t min_ic,
    struct stretch *t)
{
	struct bhdr b;
	uint64_t off = from;

	for (; next_good_block(s, off, &b); off = b.blk.offset + b.blk.size) {
		if (b.blk.count == 0 || b.blk.icount_first < min_ic)
			continue;
		s->rdnext = UINT64_MAX;
		if (rr_reader_resume(s->r, b.blk.offset, b.blk.seq, b.blk.first_event, b.blk.icount_first) !=
		    RR_OK)
			return 0;
		t->off = b.blk.offset;
		t->seq = b.blk.seq;
		t->fe = b.blk.first_event;
		t->ifirst = b.blk.icount_first;
		if (read_stretch(s, t, 1, min_ic) == 1)
			return 1;
	}
	return 0;
}

/*
 * Walk the block headers past the damage to say how much the log held:
 * the events and icounts that later intact headers name.
 */
static void
count_lost(struct rr_source *s, uint64_t from, uint64_t *nev, uint64_t *ic)
{
	struct bhdr b;
	uint64_t off = from;

	for (; next_good_block(s, off, &b); off = b.blk.offset + b.blk.size) {
		if (b.blk.first_event + b.blk.count > *nev)
			*nev = b.blk.first_event + b.blk.count;
		if (b.blk.icount_last > *ic)
			*ic = b.blk.icount_last;
	}
}

/* The input's event n, as the original recording numbers it. */
static uint64_t
orig_number(const struct rr_header *h, uint64_t n)
{
	if (!h->has_origin)
		return n;
	if ((h->origin_flags & RR_ORIGIN_EXACT) && n > 0)
		return h->origin_event + n - 1;
	return h->origin_event + n;
}

/* Write what salvage keeps: a, then after a gap b (if b->key is set). */
static int
salvage_write(struct rr_source *s, const struct stretch *a,
    const struct stretch *b, int two, const char *out)
{
	const struct stretch *last = two ? b : a;
	const struct rr_header *in = rr_source_header(s);
	struct rr_writer_options o;
	struct rr_writer *w;
	struct rr_error e;
	struct rr_header h = *in;
	struct rr_event ev;
	char text[256];
	int rc;

	/* Not a cut: the original recording, what is left of it. */
	h.gaps = a->gaps + (two ? 1 + b->gaps : 0);
	memset(&o, 0, sizeof(o));
	o.block_size = h.block_size;
	o.inputs = &s->id;
	o.ninputs = 1;
	if (rr_writer_open(&w, out, &h, &o, &e) != RR_OK) {
		src_outerr(s, &e);
		return RR_FATAL;
	}
	if ((rc = src_copy(s, w, 0, RR_NO_OFFSET, a->keep - 1)) != RR_OK)
		goto fail;
	if (two) {
		if (rr_writer_gap(w, a->cut_ic, orig_number(in, b->key),
		    b->key_ic, in->has_origin && b->key == 0 ?
		    in->origin_flags & RR_ORIGIN_EXACT : 0) != RR_OK)
			goto wfail;
		s->rdnext = UINT64_MAX;
		if (rr_reader_resume(s->r, b->off, b->seq, b->fe,
		    b->ifirst) != RR_OK) {
			rc = src_rerr(s);
			goto fail;
		}
		while ((rc = rr_reader_next(s->r, &ev)) == RR_OK &&
		    ev.number < b->keep)
			if (ev.number >= b->key &&
			    rr_writer_event(w, &ev) != RR_OK)
				goto wfail;
		if (rc != RR_OK) {
			rc = src_rerr(s);
			goto fail;
		}
	}
	if (last->got_end)
		rc = rr_writer_close(w, last->cut_ic, last->end.end_status,
		    last->end.end_reason, last->end.end_text, &e);
	else {
		snprintf(text, sizeof(text), "salvaged: %.200s",
		    last->why.msg);
		rc = rr_writer_close(w, last->cut_ic, 0, RR_END_CUT, text,
		    &e);
	}
	if (rc != RR_OK) {
		src_outerr(s, &e);
		return RR_FATAL;
	}
	return RR_OK;
wfail:
	src_outerr(s, rr_writer_error(w));
	rc = RR_FATAL;
fail:
	rr_writer_abort(w);
	return rc;
}

int
rr_salvage(struct rr_source *s, const char *out,
    struct rr_salvage_report *rep)
{
	struct stretch a, b;
	uint64_t total, ic_last, dmg2;
	int rc, two = 0;

	memset(rep, 0, sizeof(*rep));
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	rep->damage_offset = RR_NO_OFFSET;
	rep->resume_offset = RR_NO_OFFSET;
	rep->segments = 1;
	s->rdnext = UINT64_MAX;
	if (rr_reader_rewind(s->r) != RR_OK)
		return src_rerr(s);
	if ((rc = read_stretch(s, &a, 0, 0)) < 0)
		return RR_FAILED;
	if (a.got_end) {
		const struct rr_problem *pe = src_vet_end(s);

		rep->closed = 1;
		if (a.keep == 0)
			return src_fail(s, RR_E_CORRUPT, RR_NO_OFFSET, 0,
			    "the log holds only END");
		rep->events_kept = a.keep;
		rep->icount_kept = rep->icount_last = a.cut_ic;
		/*
		 * Every event is kept, but what follows END (a damaged
		 * footer, bytes after it) is not the log rrverify wants:
		 * the output gets a footer of its own, and that is a loss.
		 */
		if (pe != NULL) {
			const struct rr_error *re = rr_reader_end_error(s->r);

			/* Where the real log ends, as the other tools say. */
			rep->lost = 1;
			rep->damage_offset = re != NULL ? re->offset :
			    pe->offset;
			rep->bytes_lost = rep->damage_offset < s->file_size ?
			    s->file_size - rep->damage_offset : 0;
			rr_seterr(&rep->why, pe->kind, rep->damage_offset,
			    pe->event, "%s", pe->msg);
		}
		return out == NULL ? RR_OK : salvage_write(s, &a, &b, 0, out);
	}
	rep->why = a.why;
	rep->lost = 1;
	if (rc == 0)
		return src_fail(s, a.why.kind ? a.why.kind : RR_E_TRUNCATED,
		    a.why.offset, 0, "nothing to salvage: %s", a.why.msg);
	rep->icount_kept = a.cut_ic;
	/* The first block that could not be used, and all after. */
	rep->damage_offset = first_unused(s, s->data_start, a.read);
	/*
	 * Past the damage, readable blocks from a keyframe on are a second
	 * stretch of the recording, after a gap.
	 */
	two = find_resume(s, rep->damage_offset, a.cut_ic, &b);
	total = a.read;
	ic_last = a.cut_ic;
	if (!two) {
		rep->events_kept = a.keep;
		rep->bytes_lost = s->file_size - rep->damage_offset;
		count_lost(s, rep->damage_offset, &total, &ic_last);
		rep->icount_lost = ic_last - a.cut_ic;
	} else {
		rep->segments = 2;
		rep->resume_offset = b.off;
		rep->resume_event = b.key;
		rep->resume_icount = b.key_ic;
		rep->events_kept = a.keep + (b.keep - b.key);
		rep->icount_lost = b.key_ic - a.cut_ic;
		rep->bytes_lost = b.off - rep->damage_offset;
		total = b.read;
		if (!b.got_end) {
			dmg2 = first_unused(s, b.off, b.read);
			rep->bytes_lost += s->file_size - dmg2;
			ic_last = b.cut_ic;
			count_lost(s, dmg2, &total, &ic_last);
			rep->icount_lost += ic_last - b.cut_ic;
			rep->why2 = b.why;
			rep->damage2_offset = dmg2;
		} else
			ic_last = b.cut_ic;
	}
	rep->icount_last = ic_last;
	rep->events_lost = total > rep->events_kept ? total -
	    rep->events_kept : 0;
	if (out == NULL)
		return RR_OK;
	return salvage_write(s, &a, &b, two, out);
}
