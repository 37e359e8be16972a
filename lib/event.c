/*
 * librr: what an event's bytes mean (formats/rrlog.md, "Events"): its
 * header and its payload, decoded once here for the reader and the
 * verifier, and the names of kinds, END reasons and checkpoint parts.
 */
#include <stdio.h>
#include <string.h>

#include "rr.h"
#include "internal.h"

int
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

/* Why a field stops the decoding, with the value at fault. */
static int
at_fault(uint64_t *bad, uint64_t v, int why)
{
	*bad = v;
	return why;
}

int
rr_event_decode(struct rr_event *ev, const uint8_t *q, size_t len,
    uint64_t *pclock, size_t *used, uint64_t *bad)
{
	uint64_t v, dev, k, np;
	size_t m, pos;
	uint32_t i;

	ev->device = ev->subkind = 0;
	ev->value = 0;
	ev->status = 0;
	ev->data = ev->raw = q;
	ev->len = ev->raw_len = len;
	ev->nparts = 0;
	ev->resume_event = ev->resume_icount = 0;
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
	default:	/* KEYFRAME, MARK, unknown kinds: the bytes */
		break;
	}
	return RR_EVD_OK;
}

static const char *const kind_names[RR_EV_KIND_MAX + 1] = {
	NULL, "clock", "entropy", "bh", "output", "checkpoint", "keyframe",
	"mark", "end", "gap"
};

const char *
rr_kind_name(uint32_t kind)
{
	return kind <= RR_EV_KIND_MAX ? kind_names[kind] : NULL;
}

int
rr_kind_from_name(const char *name)
{
	int k;

	for (k = 1; k <= RR_EV_KIND_MAX; k++)
		if (strcmp(kind_names[k], name) == 0)
			return k;
	return -1;
}

const char *
rr_end_reason_name(uint32_t reason)
{
	static const char *const names[] = {
		"exit", "limit", "stopped", "error", "cut"
	};

	return reason < sizeof(names) / sizeof(names[0]) ? names[reason] :
	    "unknown";
}

const char *
rr_part_name(uint32_t id, char *buf, size_t len)
{
	static const char *const names[] = {
		NULL, "cpu", "clint", "uart", "rtc", "finisher", "plic", "time"
	};

	if (id >= 1 && id <= RR_PART_TIME)
		snprintf(buf, len, "%s", names[id]);
	else if (id >= RR_PART_RAM0 && id < RR_PART_RAM0 + 256)
		snprintf(buf, len, "ram%u", id - RR_PART_RAM0);
	else
		snprintf(buf, len, "part%u", id);
	return buf;
}

int
rr_part_known(uint32_t id)
{
	return (id >= RR_PART_CPU && id <= RR_PART_TIME) ||
	    (id >= RR_PART_RAM0 && id < RR_PART_RAM0 + RR_PART_RAM_REGIONS);
}
