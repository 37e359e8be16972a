/*
 * librr internals: what an event's bytes mean (formats/rrlog.md,
 * "Events"), decoded here once for the reader and the verifier; inline,
 * as both decode every event of a log with them.
 */
#ifndef RR_EVENT_H
#define RR_EVENT_H

#include "rr.h"
#include "internal.h"

/* What rr_event_head says of an event's header. */
enum rr_evh {
	RR_EVH_OK = 1,
	RR_EVH_MORE = 0,
	RR_EVH_KIND0 = -1,	/* kind 0 */
	RR_EVH_VARINT = -2,	/* a varint that is not one */
	RR_EVH_LIMIT = -3	/* payload over RR_EVENT_MAX */
};
/* What rr_event_decode says of an event's payload. */
enum rr_evd {
	RR_EVD_OK = 0,
	RR_EVD_MALFORMED,	/* the bytes do not hold the fields */
	RR_EVD_WIDE,		/* a 32-bit field over 32 bits */
	RR_EVD_PARTS,		/* more checkpoint parts than RR_PARTS_MAX */
	RR_EVD_BACKWARDS	/* a gap that resumes before itself */
};

/*
 * The header of the event at p[0..n): its kind is p[0]; *delta its
 * icount delta, *len its payload's length, *hlen the header's
 * size (how far it was read, when it is bad).  RR_EVH_OK; RR_EVH_MORE
 * when it runs past n; or what is wrong with it.
 */
static inline int
rr_event_head(const uint8_t *p, size_t n, uint64_t *delta, uint64_t *len,
    size_t *hlen)
{
	size_t pos = 1, m;

	if (n == 0)
		return RR_EVH_MORE;
	if (p[0] == 0)
		return RR_EVH_KIND0;
	if ((m = rr_vget(p + pos, n - pos, delta)) == 0)
		goto short_or_bad;
	pos += m;
	if ((m = rr_vget(p + pos, n - pos, len)) == 0)
		goto short_or_bad;
	pos += m;
	*hlen = pos;
	if (*len > RR_EVENT_MAX)
		return RR_EVH_LIMIT;
	return *len > n - pos ? RR_EVH_MORE : RR_EVH_OK;
short_or_bad:
	/* A varint cut by the end of the bytes at hand may go on later. */
	*hlen = pos;
	return n - pos < 10 ? RR_EVH_MORE : RR_EVH_VARINT;
}

/* The fields of every kind but ev's own left 0, as a reader hands it. */
static inline void
rr_event_clear(struct rr_event *ev)
{
	ev->device = ev->subkind = 0;
	ev->value = 0;
	ev->status = 0;
	ev->nparts = 0;
	ev->resume_event = ev->resume_icount = 0;
}

/* Why a field stops the decoding, with the value at fault. */
static inline int
at_fault(uint64_t *bad, uint64_t v, int why)
{
	*bad = v;
	return why;
}

/*
 * The payload q[0..len) of ev (kind and icount set) into the fields its
 * kind has, and data, len, raw and raw_len (the one decoder of the
 * reader and the verifier; the fields of other kinds are left as they
 * were: rr_event_clear).  *pclock is the clock the block's CLOCK deltas run on.  *used:
 * the bytes its known fields take (the rest, of a kind that has no data,
 * is past them).  RR_EVD_OK, or why not with *bad the value at fault.
 */
static inline int
rr_event_decode(struct rr_event *ev, const uint8_t *q, size_t len,
    uint64_t *pclock, size_t *used, uint64_t *bad)
{
	uint64_t v, dev, k, np;
	size_t m, pos;
	uint32_t i;

	ev->data = ev->raw = q;
	ev->len = ev->raw_len = len;
	*used = len;
	*bad = 0;
	switch (ev->kind) {
	case RR_EV_CLOCK:
		if ((m = rr_vget(q, len, &v)) == 0)
			return RR_EVD_MALFORMED;
		*used = m;
		*pclock += (uint64_t)rr_unzigzag(v);
		ev->value = *pclock;
		break;
	case RR_EV_ENTROPY:
		if ((m = rr_vget(q, len, &v)) == 0)
			return RR_EVD_MALFORMED;
		*used = m;
		if (v > UINT32_MAX)
			return at_fault(bad, v, RR_EVD_WIDE);
		ev->value = v;
		break;
	case RR_EV_BH:
	case RR_EV_OUTPUT:
		if ((m = rr_vget(q, len, &dev)) == 0)
			return RR_EVD_MALFORMED;
		if (dev > UINT32_MAX)
			return at_fault(bad, dev, RR_EVD_WIDE);
		ev->device = (uint32_t)dev;
		if (ev->kind == RR_EV_BH) {
			if ((pos = rr_vget(q + m, len - m, &k)) == 0)
				return RR_EVD_MALFORMED;
			if (k > UINT32_MAX)
				return at_fault(bad, k, RR_EVD_WIDE);
			ev->subkind = (uint32_t)k;
			m += pos;
		}
		/* The rest is data. */
		ev->data = q + m;
		ev->len = len - m;
		break;
	case RR_EV_CHECKPOINT:
		if (len < 9 || (m = rr_vget(q + 8, len - 8, &np)) == 0)
			return RR_EVD_MALFORMED;
		ev->value = rr_le64(q);
		m += 8;
		*used = m;
		if (np > RR_PARTS_MAX)
			return at_fault(bad, np, RR_EVD_PARTS);
		for (i = 0; i < np; i++) {
			if ((pos = rr_vget(q + m, len - m, &v)) == 0 ||
			    len - m - pos < 8)
				return RR_EVD_MALFORMED;
			if (v > UINT32_MAX)
				return at_fault(bad, v, RR_EVD_WIDE);
			ev->parts[i].id = (uint32_t)v;
			ev->parts[i].hash = rr_le64(q + m + pos);
			m += pos + 8;
		}
		ev->nparts = (uint32_t)np;
		*used = m;
		break;
	case RR_EV_END:
		if ((m = rr_vget(q, len, &v)) == 0 ||
		    (pos = rr_vget(q + m, len - m, &k)) == 0)
			return RR_EVD_MALFORMED;
		ev->status = rr_unzigzag(v);
		if (k > UINT32_MAX)
			return at_fault(bad, k, RR_EVD_WIDE);
		ev->subkind = (uint32_t)k;
		/* The rest is text. */
		ev->data = q + m + pos;
		ev->len = len - m - pos;
		break;
	case RR_EV_GAP:
		if ((m = rr_vget(q, len, &v)) == 0 ||
		    (pos = rr_vget(q + m, len - m, &k)) == 0)
			return RR_EVD_MALFORMED;
		m += pos;
		if ((pos = rr_vget(q + m, len - m, &np)) == 0)
			return RR_EVD_MALFORMED;
		*used = m + pos;
		if (k < ev->icount)
			return at_fault(bad, k, RR_EVD_BACKWARDS);
		if (np > UINT32_MAX)
			return at_fault(bad, np, RR_EVD_WIDE);
		ev->resume_event = v;
		ev->resume_icount = k;
		ev->subkind = (uint32_t)np;
		break;
	case RR_EV_SEMIHOST:
		/* op, zigzag(result), errno, then the bytes given */
		if ((m = rr_vget(q, len, &k)) == 0 ||
		    (pos = rr_vget(q + m, len - m, &v)) == 0)
			return RR_EVD_MALFORMED;
		if (k > UINT32_MAX)
			return at_fault(bad, k, RR_EVD_WIDE);
		m += pos;
		if ((pos = rr_vget(q + m, len - m, &np)) == 0)
			return RR_EVD_MALFORMED;
		if (np > UINT32_MAX)
			return at_fault(bad, np, RR_EVD_WIDE);
		ev->subkind = (uint32_t)k;
		ev->status = rr_unzigzag(v);
		ev->value = np;
		m += pos;
		/* The rest is data. */
		ev->data = q + m;
		ev->len = len - m;
		break;
	default:	/* KEYFRAME, MARK, unknown kinds: the bytes */
		break;
	}
	return RR_EVD_OK;
}

#endif /* RR_EVENT_H */
