/*
 * librr: what an edit may copy.  Before rrcut or rrmerge copies events,
 * the log is checked once by the verifier (every check rrverify makes),
 * and the places it rejects are kept: an edit never passes on damage
 * its checksums do not see.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr.h"
#include "rrcheck.h"
#include "internal.h"
#include "edit.h"

static void
vet_problem(void *arg, const struct rr_problem *p)
{
	struct rr_source *s = arg;
	struct src_vet *vt = &s->vet;
	size_t i;

	if (p->block == RR_NO_BLOCK) {
		/* Before the first block: the header, which every edit copies. */
		if (p->offset != RR_NO_OFFSET && p->offset < s->data_start) {
			if (!vt->head_bad) {
				vt->head_bad = 1;
				vt->head = *p;
			}
			return;
		}
		/* After the last block: the footer, or bytes after it. */
		if (!vt->have_end) {
			vt->have_end = 1;
			vt->end = *p;
		}
		return;
	}
	/* Runs over neighbouring ranges meet the same problems again. */
	for (i = 0; i < vt->n; i++)
		if (vt->spot[i].offset == p->offset &&
		    vt->spot[i].event == p->event &&
		    strcmp(vt->spot[i].msg, p->msg) == 0)
			return;
	if (vt->n < SRC_VET_SPOTS)
		vt->spot[vt->n++] = *p;
	else
		vt->more = 1;
}

/*
 * Verify the blocks from offset lo to hi (all of the log, its end
 * included, for 0 and UINT64_MAX), unless a run already covered them.
 */
static int
vet_run(struct rr_source *s, uint64_t lo, uint64_t hi)
{
	struct src_vet *vt = &s->vet;
	struct rr_verify *v;
	struct rr_verify_report rep;
	int rc;

	if (vt->done && lo >= vt->lo && hi <= vt->hi)
		return RR_OK;
	if ((v = rr_verify_new()) == NULL)
		return src_fail(s, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
	rr_verify_set_problem(v, vet_problem, s);
	if (lo != 0 || hi != UINT64_MAX)
		rr_verify_set_range(v, lo, hi);
	rc = rr_verify_log_fd(v, s->fd, &rep);
	if (rc != RR_OK) {
		s->err = *rr_verify_error(v);
		s->err_output = 0;
		rr_verify_free(v);
		return RR_FATAL;
	}
	rr_verify_free(v);
	vt->done = 1;
	vt->lo = lo;
	vt->hi = hi;
	return RR_OK;
}

/*
 * The block before the one at off (its trailer says how long it is), or
 * off itself at the first block or when the trailer makes no sense: a
 * keyframe is checked against the checkpoint just before it.
 */
static uint64_t
block_before(struct rr_source *s, uint64_t off)
{
	uint8_t t[BLK_TRAILER];
	uint32_t len;

	if (off < s->data_start + BLK_HDR + BLK_TRAILER ||
	    pread(s->fd, t, sizeof(t), (off_t)(off - BLK_TRAILER)) !=
	    (ssize_t)sizeof(t))
		return off;
	len = rr_le32(t);
	if (len < BLK_HDR + BLK_TRAILER || len > off - s->data_start)
		return off;
	return off - len;
}

/* The problem as the source's error: RR_FAILED (the data said no). */
static int
vet_fail(struct rr_source *s, const struct rr_problem *p)
{
	int kind = p->kind == RR_E_UNSUPPORTED ? RR_E_UNSUPPORTED :
	    p->kind == RR_E_TRUNCATED ? RR_E_TRUNCATED : RR_E_CORRUPT;

	src_fail(s, kind, p->offset, p->event, "%s", p->msg);
	return kind == RR_E_UNSUPPORTED ? RR_FATAL : RR_FAILED;
}

/*
 * RR_OK when what the runs so far found rejects nothing among events
 * first..last (whose blocks lie at offsets first_off..last_off) nor in
 * the header; else RR_FAILED with the problem as s's error.  No I/O.
 */
static int
vet_hits(struct rr_source *s, uint64_t first, uint64_t first_off,
    uint64_t last, uint64_t last_off)
{
	const struct src_vet *vt = &s->vet;
	size_t i;

	if (vt->head_bad)
		return vet_fail(s, &vt->head);
	for (i = 0; i < vt->n; i++) {
		const struct rr_problem *p = &vt->spot[i];

		if (p->event != RR_NO_EVENT ? p->event >= first &&
		    p->event <= last : p->block_offset >= first_off &&
		    p->block_offset <= last_off)
			return vet_fail(s, p);
	}
	/* Past the spots kept, the rest of the log is taken as damaged. */
	if (vt->more && last_off >= vt->spot[SRC_VET_SPOTS - 1].block_offset)
		return src_fail(s, RR_E_CORRUPT,
		    vt->spot[SRC_VET_SPOTS - 1].block_offset, RR_NO_EVENT,
		    "more than %d places rrverify rejects", SRC_VET_SPOTS);
	return RR_OK;
}

int
src_vet_event(struct rr_source *s, uint64_t n, uint64_t boff)
{
	int rc;

	/* Event by event (a salvage): the whole log, once; then no I/O. */
	if ((rc = vet_run(s, 0, UINT64_MAX)) != RR_OK)
		return rc;
	return vet_hits(s, n, boff, n, boff);
}

const struct rr_problem *
src_vet_end(struct rr_source *s)
{
	if (vet_run(s, 0, UINT64_MAX) != RR_OK || !s->vet.have_end)
		return NULL;
	return &s->vet.end;
}

int
src_vet_events(struct rr_source *s, uint64_t first, uint64_t last)
{
	struct rr_event ev;
	uint64_t a, b;
	int rc;

	if (first > last)
		return RR_OK;
	if ((rc = src_event_at(s, first, &ev)) != RR_OK)
		return rc;
	a = ev.offset;
	if ((rc = src_event_at(s, last, &ev)) != RR_OK)
		return rc;
	b = ev.offset;
	s->rdnext = UINT64_MAX;	/* ev was taken: a copy seeks again */
	if ((rc = vet_run(s, block_before(s, a), b)) != RR_OK)
		return rc;
	return vet_hits(s, first, a, last, b);
}
