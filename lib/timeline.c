/* librr: a recording's events bucketed over instruction counts (rrtimeline.h). */
#include <stdlib.h>
#include <string.h>

#include "rr.h"
#include "rrtimeline.h"

#define NLANES	((int)RR_TL_OTHER + 1)

struct lane {
	struct rr_tl_lane pub;
	struct rr_tl_cell *cells;
	size_t		 cap;
};

struct set {
	struct rr_tl_item *items;	/* RR_TL_ITEMS of them */
	size_t		 n;
	uint64_t	 total, stride;
};

struct rr_timeline {
	struct lane	*lane[NLANES];	/* NULL: no event of the kind yet */
	struct rr_tl_lane *pub;		/* the lanes seen, for rr_timeline_lanes */
	size_t		 nlanes;
	uint64_t	 events, first, last, origin;
	unsigned	 shift;
	size_t		 cells;		/* in all lanes */
	struct set	 set[RR_TL_NSETS];
};

int
rr_timeline_set_of(uint32_t kind)
{
	switch (kind) {
	case RR_EV_CHECKPOINT:
	case RR_EV_KEYFRAME:
	case RR_EV_MARK:
		return RR_TL_MARKERS;
	case RR_EV_GAP:
	case RR_EV_END:
		return RR_TL_BREAKS;
	case RR_EV_CLOCK:
	case RR_EV_ENTROPY:
	case RR_EV_BH:
	case RR_EV_SEMIHOST:
		return RR_TL_INPUTS;
	case RR_EV_OUTPUT:
		return RR_TL_OUTPUT;
	default:
		return -1;
	}
}

struct rr_timeline *
rr_timeline_new(void)
{
	struct rr_timeline *tl;
	int i;

	if ((tl = calloc(1, sizeof(*tl))) == NULL)
		return NULL;
	for (i = 0; i < RR_TL_NSETS; i++) {
		tl->set[i].stride = 1;
		tl->set[i].items = calloc(RR_TL_ITEMS,
		    sizeof(*tl->set[i].items));
		if (tl->set[i].items == NULL) {
			rr_timeline_free(tl);
			return NULL;
		}
	}
	if ((tl->pub = calloc(NLANES, sizeof(*tl->pub))) == NULL) {
		rr_timeline_free(tl);
		return NULL;
	}
	return tl;
}

void
rr_timeline_free(struct rr_timeline *tl)
{
	int i;

	if (tl == NULL)
		return;
	for (i = 0; i < NLANES; i++)
		if (tl->lane[i] != NULL) {
			free(tl->lane[i]->cells);
			free(tl->lane[i]);
		}
	for (i = 0; i < RR_TL_NSETS; i++)
		free(tl->set[i].items);
	free(tl->pub);
	free(tl);
}

/* Buckets twice as wide: neighbours merge, each lane in place. */
static void
coarsen(struct rr_timeline *tl)
{
	struct lane *l;
	size_t i, j;
	int k;

	tl->shift++;
	tl->cells = 0;
	for (k = 0; k < NLANES; k++) {
		if ((l = tl->lane[k]) == NULL)
			continue;
		for (i = j = 0; i < l->pub.ncells; i++) {
			uint64_t b = l->cells[i].bucket >> 1;

			if (j > 0 && l->cells[j - 1].bucket == b)
				l->cells[j - 1].count += l->cells[i].count;
			else {
				l->cells[j].bucket = b;
				l->cells[j++].count = l->cells[i].count;
			}
		}
		l->pub.ncells = j;
		tl->cells += j;
	}
}

static int
count(struct rr_timeline *tl, struct lane *l, uint64_t icount)
{
	uint64_t b;
	struct rr_tl_cell *c;
	size_t cap;

	/*
	 * Coarsen until a new cell fits.  At shift s a lane has at most
	 * 2^(64 - s) buckets, so by s = 57 the 257 lanes hold at most
	 * 257 * 128 < RR_TL_CELLS cells: the shift stays below 64.
	 */
	for (;;) {
		b = (icount - tl->origin) >> tl->shift;
		if (l->pub.ncells > 0 &&
		    l->cells[l->pub.ncells - 1].bucket == b) {
			l->cells[l->pub.ncells - 1].count++;
			return RR_OK;
		}
		if (tl->cells < RR_TL_CELLS)
			break;
		coarsen(tl);
	}
	if (l->pub.ncells == l->cap) {
		cap = l->cap ? l->cap * 2 : 64;
		if ((c = realloc(l->cells, cap * sizeof(*c))) == NULL)
			return RR_FAILED;
		l->cells = c;
		l->cap = cap;
		}
	l->cells[l->pub.ncells].bucket = b;
	l->cells[l->pub.ncells++].count = 1;
	tl->cells++;
	return RR_OK;
}

static void
keep(struct set *s, const struct rr_event *ev, uint64_t icount)
{
	struct rr_tl_item *it;
	size_t i;

	/* Full: keep every other item, and from now every 2*stride-th. */
	if (s->total % s->stride == 0 && s->n == RR_TL_ITEMS) {
		for (i = 0; 2 * i < s->n; i++)
			s->items[i] = s->items[2 * i];
		s->n = i;
		s->stride *= 2;
	}
	if (s->total++ % s->stride != 0)
		return;
	it = &s->items[s->n++];
	memset(it, 0, sizeof(*it));
	it->number = ev->number;
	it->icount = icount;
	it->kind = ev->kind;
	it->device = ev->device;
	it->subkind = ev->subkind;
	it->status = ev->status;
	it->len = ev->len;
	it->value = ev->kind == RR_EV_GAP ? ev->resume_icount : ev->value;
	/* Kinds whose data is text (or bytes a person reads as such). */
	switch (ev->kind) {
	case RR_EV_BH:
	case RR_EV_OUTPUT:
	case RR_EV_SEMIHOST:
	case RR_EV_MARK:
	case RR_EV_END:
		it->tlen = ev->len < RR_TL_TEXT ? ev->len : RR_TL_TEXT;
		if (it->tlen > 0)
			memcpy(it->text, ev->data, it->tlen);
		break;
	default:
		break;
	}
}

int
rr_timeline_add(struct rr_timeline *tl, const struct rr_event *ev)
{
	uint32_t k = ev->kind < RR_TL_OTHER ? ev->kind : RR_TL_OTHER;
	uint64_t ic = ev->icount;
	struct lane *l;
	int set;

	if (tl->events == 0)
		tl->origin = tl->first = ic;
	else if (ic < tl->last)
		ic = tl->last;
	if ((l = tl->lane[k]) == NULL) {
		if ((l = calloc(1, sizeof(*l))) == NULL)
			return RR_FAILED;
		l->pub.kind = k;
		l->pub.icount_first = ic;
		tl->lane[k] = l;
		}
	if (count(tl, l, ic) != RR_OK)
		return RR_FAILED;
	l->pub.events++;
	l->pub.icount_last = ic;
	tl->events++;
	tl->last = ic;
	if ((set = rr_timeline_set_of(ev->kind)) >= 0)
		keep(&tl->set[set], ev, ic);
	return RR_OK;
}

uint64_t
rr_timeline_events(const struct rr_timeline *tl, uint64_t *first,
    uint64_t *last)
{
	if (first != NULL)
		*first = tl->first;
	if (last != NULL)
		*last = tl->last;
	return tl->events;
}

void
rr_timeline_scale(const struct rr_timeline *tl, uint64_t *origin,
    unsigned *shift)
{
	*origin = tl->origin;
	*shift = tl->shift;
}

const struct rr_tl_lane *
rr_timeline_lanes(struct rr_timeline *tl, size_t *n)
{
	int k;

	/* Copies of the lanes as they are now: cells move as they grow. */
	tl->nlanes = 0;
	for (k = 0; k < NLANES; k++)
		if (tl->lane[k] != NULL) {
			tl->pub[tl->nlanes] = tl->lane[k]->pub;
			tl->pub[tl->nlanes++].cells = tl->lane[k]->cells;
		}
	*n = tl->nlanes;
	return tl->pub;
}

void
rr_timeline_items(const struct rr_timeline *tl, int set,
    struct rr_tl_items *out)
{
	memset(out, 0, sizeof(*out));
	if (set < 0 || set >= RR_TL_NSETS)
		return;
	out->items = tl->set[set].items;
	out->n = tl->set[set].n;
	out->total = tl->set[set].total;
	out->stride = tl->set[set].stride;
}

void
rr_timeline_columns(const struct rr_timeline *tl,
    const struct rr_tl_lane *l, uint64_t lo, uint64_t hi,
    uint64_t *counts, size_t ncols)
{
	uint64_t start;
	double col;
	size_t i, c;

	memset(counts, 0, ncols * sizeof(*counts));
	if (hi <= lo || ncols == 0)
		return;
	for (i = 0; i < l->ncells; i++) {
		start = tl->origin + (l->cells[i].bucket << tl->shift);
		if (start < lo || start >= hi)
			continue;
		/* Doubles: a column is a pixel, not an exact count. */
		col = (double)(start - lo) / (double)(hi - lo) * (double)ncols;
		c = col >= (double)ncols ? ncols - 1 : (size_t)col;
		counts[c] += l->cells[i].count;
	}
}
