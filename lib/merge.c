/* librr: join pieces of one recording, checking that overlaps agree. */
#include <stdlib.h>
#include <string.h>

#include "rr.h"
#include "rrsnap.h"
#include "internal.h"
#include "edit.h"

/* A piece, placed in the original recording's event numbering. */
struct piece {
	size_t		 arg;		/* index among the inputs */
	struct rr_source *s;
	uint64_t	 nev;		/* its events, END included */
	uint64_t	 skip;		/* 1 if event 0 was made by --exact */
	uint64_t	 lo, hi;	/* original events it holds [lo, hi) */
	uint64_t	 start_ic, end_ic;
	uint64_t	 key_off;	/* offset of the block of its event 0 */
	int		 end_cut;	/* its END is a cut's, not original */
	struct rr_event	 end;		/* its END (status, reason) */
	char		 end_text[256];
	/*
	 * Read once when it is opened, for the continuity checks: its
	 * keyframe's state hash (key_err: why it has none), and the
	 * event before its END (its payload not kept).
	 */
	uint64_t	 key_hash;
	char		 key_err[256];
	struct rr_event	 before_end;
};

/* A stretch of the output, and the piece it came from. */
struct seg {
	struct piece	*p;
	uint64_t	 lo, hi;
	int		 gap;		/* events before lo are in no piece */
};

static int
say(struct rr_merge_report *rep, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
say(struct rr_merge_report *rep, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rep->what, sizeof(rep->what), fmt, ap);
	va_end(ap);
	return rc;
}

static int
from_src(struct rr_merge_report *rep, struct piece *p)
{
	const struct rr_error *e = rr_source_error(p->s);

	rep->piece = p->arg;
	rep->offset = e->offset;
	rep->event = e->event;
	snprintf(rep->what, sizeof(rep->what), "%s", e->msg);
	if (rr_source_error_output(p->s)) {
		rep->at_output = 1;
		return RR_FATAL;
	}
	return e->kind == RR_E_CORRUPT || e->kind == RR_E_TRUNCATED ||
	    e->kind == RR_E_LIMIT ? RR_FAILED : RR_FATAL;
}

static int
piece_open(struct piece *p, struct rr_merge_report *rep)
{
	const struct rr_header *h = rr_source_header(p->s);
	struct rr_event ev;
	struct rr_snap *snap;
	struct rr_error e;
	uint64_t ic;
	int closed;

	if (src_extent(p->s, &p->nev, &ic, &closed) != RR_OK)
		return from_src(rep, p);
	if (!closed || p->nev < 2) {
		rep->piece = p->arg;
		return say(rep, RR_FAILED, "not a closed log (salvage it "
		    "first with rrcut --salvage)");
	}
	if (src_event_at(p->s, 0, &ev) != RR_OK)
		return from_src(rep, p);
	if (ev.kind != RR_EV_KEYFRAME) {
		rep->piece = p->arg;
		return say(rep, RR_FAILED, "does not start with a keyframe");
	}
	p->start_ic = ev.icount;
	p->key_off = ev.offset;
	p->key_err[0] = '\0';
	if (rr_snap_decode_borrowed(&snap, ev.data, ev.len, &e) != RR_OK)
		snprintf(p->key_err, sizeof(p->key_err), "%s", e.msg);
	else {
		p->key_hash = rr_snap_meta(snap)->state_hash;
		rr_snap_free(snap);
	}
	/* The last two events, read in one pass over the last block. */
	if (src_event_at(p->s, p->nev - 2, &ev) != RR_OK)
		return from_src(rep, p);
	p->before_end = ev;
	p->before_end.data = p->before_end.raw = NULL;
	if (src_event_at(p->s, p->nev - 1, &ev) != RR_OK)
		return from_src(rep, p);
	p->end = ev;
	snprintf(p->end_text, sizeof(p->end_text), "%.*s",
	    (int)(ev.len < 255 ? ev.len : 255), (const char *)ev.data);
	p->end.data = NULL;
	p->end.raw = NULL;
	p->end_ic = ev.icount;
	p->end_cut = ev.subkind == RR_END_CUT;
	if (h->gaps > 0) {
		rep->piece = p->arg;
		return say(rep, RR_FAILED, "has %llu gap%s: a piece with gaps "
		    "cannot be merged again", (unsigned long long)h->gaps,
		    h->gaps == 1 ? "" : "s");
	}
	p->skip = h->has_origin && (h->origin_flags & RR_ORIGIN_EXACT) ? 1 : 0;
	p->lo = h->has_origin ? h->origin_event : 0;
	p->hi = p->lo + p->nev - p->skip - (p->end_cut ? 1 : 0);
	return RR_OK;
}

/* Why two pieces cannot be of one recording, or NULL. */
static const char *
mismatch(const struct rr_header *a, const struct rr_header *b)
{
	if (memcmp(a->recording_id, b->recording_id, 16) != 0)
		return "another recording (recording id differs)";
	if (strcmp(a->machine, b->machine) != 0 || strcmp(a->isa, b->isa) !=
	    0 || strcmp(a->devices, b->devices) != 0)
		return "another machine (machine, ISA or devices differ)";
	if (a->ram_base != b->ram_base || a->ram_size != b->ram_size)
		return "another machine (RAM differs)";
	if (a->clock_shift != b->clock_shift)
		return "another clock shift";
	if (a->image_hash != b->image_hash)
		return "another guest image";
	return NULL;
}

/* Merge order (rrmerge(1)): first icount, origin, longer first, as given. */
static int
order(const void *x, const void *y)
{
	const struct piece *a = x, *b = y;

	if (a->start_ic != b->start_ic)
		return a->start_ic < b->start_ic ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi > b->hi ? -1 : 1;
	return a->arg < b->arg ? -1 : a->arg > b->arg;
}

/* Original event o as piece p holds it. */
static int
orig_event(struct piece *p, uint64_t o, struct rr_event *ev)
{
	return src_event_at(p->s, p->skip + (o - p->lo), ev);
}

/* Do two events say the same, byte for byte in their payload? */
static int
same_event(const struct rr_event *a, const struct rr_event *b)
{
	if (a->kind != b->kind || a->icount != b->icount)
		return 0;
	if (a->kind == RR_EV_CLOCK)	/* coded against its block */
		return a->value == b->value;
	return a->raw_len == b->raw_len && (a->raw_len == 0 ||
	    memcmp(a->raw, b->raw, a->raw_len) == 0);
}

static const char *
kname(uint32_t kind)
{
	return rr_kind_name(kind) != NULL ? rr_kind_name(kind) : "unknown";
}

/* Compare p's original events [lo, hi) with what segment g wrote. */
static int
compare(struct piece *p, const struct seg *g, uint64_t lo, uint64_t hi,
    struct rr_merge_report *rep)
{
	struct rr_event a, b;
	uint8_t *copy = NULL;
	uint64_t o;
	int same;
	char detail[160];

	for (o = lo; o < hi; o++) {
		if (orig_event(g->p, o, &a) != RR_OK) {
			free(copy);	/* the previous event's */
			return from_src(rep, g->p);
		}
		/* a's payload is borrowed from its reader: keep a copy. */
		free(copy);
		if ((copy = malloc(a.raw_len + 1)) == NULL)
			return say(rep, RR_FATAL, "out of memory");
		memcpy(copy, a.raw, a.raw_len);
		a.raw = copy;
		if (orig_event(p, o, &b) != RR_OK) {
			free(copy);
			return from_src(rep, p);
		}
		same = same_event(&a, &b);
		if (!same) {
			rep->piece = p->arg;
			rep->other = g->p->arg;
			rep->offset = b.offset;
			rep->event = b.number;
			if (a.kind == b.kind && a.icount == b.icount &&
			    a.kind == RR_EV_CLOCK)
				snprintf(detail, sizeof(detail), "value %llu "
				    "here, %llu in the other piece",
				    (unsigned long long)b.value,
				    (unsigned long long)a.value);
			else if (a.kind == b.kind && a.icount == b.icount)
				snprintf(detail, sizeof(detail), "payload of "
				    "%zu bytes here, %zu bytes in the other "
				    "piece, differs", b.raw_len, a.raw_len);
			else
				snprintf(detail, sizeof(detail), "%s at icount "
				    "%llu here, %s at icount %llu in the other "
				    "piece", kname(b.kind),
				    (unsigned long long)b.icount, kname(a.kind),
				    (unsigned long long)a.icount);
			say(rep, RR_FAILED, "overlap differs at event %llu of "
			    "the recording (this piece's %llu, %s at icount "
			    "%llu): %s", (unsigned long long)o,
			    (unsigned long long)b.number, kname(b.kind),
			    (unsigned long long)b.icount, detail);
			free(copy);
			return RR_FAILED;
		}
	}
	free(copy);
	return RR_OK;
}

/*
 * A piece starts at a keyframe: its state must be the one the output's
 * checkpoint at that icount names, where the output has one just before.
 */
static int
continuity(struct piece *p, const struct seg *g, struct rr_merge_report *rep)
{
	struct rr_event c;
	const struct piece *q = g->p;

	if (p->lo == 0 || p->lo - 1 < g->lo || p->lo - 1 >= g->hi)
		return RR_OK;
	/* Mostly the event before the other piece's END, read already. */
	if (p->lo - 1 == q->lo + q->nev - 2 - q->skip)
		c = q->before_end;
	else if (orig_event(g->p, p->lo - 1, &c) != RR_OK)
		return from_src(rep, g->p);
	if (c.kind != RR_EV_CHECKPOINT || c.icount != p->start_ic)
		return RR_OK;
	if (p->key_err[0] != '\0') {
		rep->piece = p->arg;
		return say(rep, RR_FAILED, "keyframe unreadable: %s",
		    p->key_err);
	}
	if (p->key_hash != c.value) {
		rep->piece = p->arg;
		rep->other = g->p->arg;
		rep->event = 0;
		rep->offset = p->key_off;
		return say(rep, RR_FAILED, "not continuous: its keyframe at "
		    "icount %llu has state hash 0x%016llx, the other piece's "
		    "checkpoint there 0x%016llx",
		    (unsigned long long)p->start_ic,
		    (unsigned long long)p->key_hash,
		    (unsigned long long)c.value);
	}
	return RR_OK;
}

/* Check p against every stretch already written that it overlaps. */
static int
check_piece(struct piece *p, const struct seg *segs, size_t nseg,
    struct rr_merge_report *rep)
{
	uint64_t lo, hi;
	size_t i;
	int rc;

	for (i = 0; i < nseg; i++) {
		lo = p->lo > segs[i].lo ? p->lo : segs[i].lo;
		hi = p->hi < segs[i].hi ? p->hi : segs[i].hi;
		if (lo < hi && (rc = compare(p, &segs[i], lo, hi, rep)) !=
		    RR_OK)
			return rc;
		if ((rc = continuity(p, &segs[i], rep)) != RR_OK)
			return rc;
	}
	return RR_OK;
}

/*
 * A recording continued from a snapshot (rremu record -L) has no
 * provenance: it follows the piece that stopped where it starts, whose
 * END (stopped, limit) is then not an event of the whole.
 */
static int
continues(struct piece *p, struct seg *segs, size_t nseg, uint64_t *H,
    struct rr_merge_report *rep)
{
	struct seg *g = &segs[nseg - 1];

	if (rr_source_header(p->s)->has_origin || p->start_ic == 0)
		return RR_OK;
	if (nseg == 0 || g->p->end_ic != p->start_ic ||
	    (!g->p->end_cut && g->p->end.subkind == RR_END_EXIT)) {
		rep->piece = p->arg;
		return say(rep, RR_FAILED, "continues a recording from icount "
		    "%llu, where no piece stops", (unsigned long long)
		    p->start_ic);
	}
	if (!g->p->end_cut) {
		g->p->end_cut = 1;
		g->p->hi--;
		g->hi--;
		(*H)--;
	}
	p->lo = *H;
	p->hi = p->lo + p->nev - p->skip - (p->end_cut ? 1 : 0);
	return RR_OK;
}

int
rr_merge(struct rr_source **srcs, size_t n, const char *out,
    const struct rr_merge_options *o, struct rr_merge_report *rep)
{
	struct piece *ps = NULL, *last;
	struct seg *segs = NULL;
	struct rr_writer_options wo;
	struct rr_writer *w = NULL;
	struct rr_fileid ids[RR_MERGE_MAX];
	struct rr_header h;
	struct rr_error e;
	const char *why;
	uint64_t H, end_ic;
	size_t i, nseg = 0;
	int rc = RR_OK;

	memset(rep, 0, sizeof(*rep));
	rep->other = SIZE_MAX;
	if (n == 0 || n > RR_MERGE_MAX)
		return say(rep, RR_FATAL, "%zu pieces: 1 to %u can be merged",
		    n, RR_MERGE_MAX);
	if ((ps = calloc(n, sizeof(*ps))) == NULL ||
	    (segs = calloc(n, sizeof(*segs))) == NULL) {
		free(ps);
		return say(rep, RR_FATAL, "out of memory");
	}
	/* Where the output cannot go is known before any work. */
	for (i = 0; i < n; i++)
		ids[i] = srcs[i]->id;
	if (rr_output_check(out, ids, n, &e) != RR_OK) {
		rep->at_output = 1;
		rc = say(rep, RR_FATAL, "%s", e.msg);
		goto done;
	}
	for (i = 0; i < n; i++) {
		ps[i].arg = i;
		ps[i].s = srcs[i];
		if ((rc = piece_open(&ps[i], rep)) != RR_OK)
			goto done;
		why = mismatch(rr_source_header(srcs[0]),
		    rr_source_header(srcs[i]));
		if (why != NULL && !(o != NULL && o->force)) {
			rep->piece = i;
			rep->other = 0;	/* the first piece */
			rc = say(rep, RR_FAILED, "%s than the first piece "
			    "(--force merges it anyway)", why);
			goto done;
		}
	}
	qsort(ps, n, sizeof(*ps), order);
	for (i = 0; i < n; i++)
		rep->order[i] = ps[i].arg;
	rep->norder = n;

	/* First pass: the pieces cover one stretch, and overlaps agree. */
	H = ps[0].lo;
	for (i = 0; i < n; i++) {
		if (i > 0 && continues(&ps[i], segs, nseg, &H, rep) != RR_OK) {
			rc = RR_FAILED;
			goto done;
		}
		if (ps[i].lo > H && o != NULL && o->allow_gaps && nseg > 0 &&
		    segs[nseg - 1].p->end_cut &&
		    ps[i].start_ic >= segs[nseg - 1].p->end_ic) {
			/*
			 * The stretch before ends as a cut does, where the
			 * gap event goes; this piece resumes with its
			 * keyframe.
			 */
			segs[nseg].gap = 1;
			rep->gaps++;
		} else if (ps[i].lo > H) {
			rep->piece = ps[i].arg;
			rc = say(rep, RR_FAILED, "gap: events %llu to %llu of "
			    "the recording are in no piece (this one starts "
			    "at event %llu, icount %llu%s)",
			    (unsigned long long)H,
			    (unsigned long long)(ps[i].lo - 1),
			    (unsigned long long)ps[i].lo,
			    (unsigned long long)ps[i].start_ic,
			    o != NULL && o->allow_gaps ? "; a gap can follow "
			    "only a piece that ends with a cut's END at or "
			    "before that icount" : "; --allow-gaps marks it");
			goto done;
		}
		if ((rc = check_piece(&ps[i], segs, nseg, rep)) != RR_OK)
			goto done;
		if (ps[i].hi > H) {
			segs[nseg].p = &ps[i];
			segs[nseg].lo = H > ps[i].lo ? H : ps[i].lo;
			segs[nseg].hi = ps[i].hi;
			nseg++;
			H = ps[i].hi;
		}
	}

	/*
	 * Nothing the verifier rejects is copied: each piece's events that
	 * go out are checked before the output is made.
	 */
	for (i = 0; i < nseg; i++) {
		uint64_t a = segs[i].p->skip + (segs[i].lo - segs[i].p->lo);
		uint64_t b = segs[i].p->skip + (segs[i].hi - segs[i].p->lo);

		if (i == 0 || segs[i].gap)
			a = 0;
		if (b > a && (rc = src_vet_events(segs[i].p->s, a, b - 1)) !=
		    RR_OK) {
			rc = from_src(rep, segs[i].p);
			goto done;
		}
	}

	/* Second pass: write the stretches, whole blocks copied. */
	h = *rr_source_header(segs[0].p->s);
	h.has_origin = segs[0].lo > 0 || segs[0].p->skip;
	h.origin_event = segs[0].lo;
	h.origin_flags = segs[0].p->skip ? RR_ORIGIN_EXACT : 0;
	h.origin_icount = segs[0].p->start_ic;
	h.gaps = rep->gaps;
	memset(&wo, 0, sizeof(wo));
	wo.block_size = h.block_size;
	wo.inputs = ids;
	wo.ninputs = n;
	if (rr_writer_open(&w, out, &h, &wo, &e) != RR_OK) {
		rep->at_output = 1;
		rc = say(rep, RR_FATAL, "%s", e.msg);
		goto done;
	}
	last = segs[nseg - 1].p;
	for (i = 0; i < nseg; i++) {
		uint64_t a = segs[i].p->skip + (segs[i].lo - segs[i].p->lo);
		uint64_t b = segs[i].p->skip + (segs[i].hi - segs[i].p->lo);

		/*
		 * The first piece's --exact keyframe starts the output, and
		 * one resumes it after a gap, where the previous stretch
		 * ends as its cut did.
		 */
		if (i == 0)
			a = 0;
		if (segs[i].gap) {
			a = 0;
			if (rr_writer_gap(w, segs[i - 1].p->end_ic,
			    segs[i].lo, segs[i].p->start_ic,
			    segs[i].p->skip ? RR_ORIGIN_EXACT : 0) != RR_OK) {
				rep->at_output = 1;
				rc = say(rep, RR_FATAL, "%s",
				    rr_writer_error(w)->msg);
				goto done;
			}
		}
		/* An original END is written by close. */
		if (!segs[i].p->end_cut && b == segs[i].p->nev)
			b--;
		if (b > a && (rc = src_copy(segs[i].p->s, w, a, a == 0 ?
		    segs[i].p->key_off : RR_NO_OFFSET, b - 1)) != RR_OK) {
			from_src(rep, segs[i].p);
			goto done;
		}
	}
	end_ic = last->end_ic;
	rep->events = rr_writer_events(w) + 1;
	rc = rr_writer_close(w, end_ic, last->end.status, last->end.subkind,
	    last->end_text, &e);
	w = NULL;
	if (rc != RR_OK) {
		rep->at_output = 1;
		rc = say(rep, RR_FATAL, "%s", e.msg);
	}
done:
	rr_writer_abort(w);
	free(ps);
	free(segs);
	return rc;
}
