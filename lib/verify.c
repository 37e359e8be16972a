/*
 * librr: check a log against everything formats/rrlog.md promises, and
 * go on past damage so that every problem is found, not only the first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "rr.h"
#include "rrcheck.h"
#include "rrsnap.h"
#include "internal.h"
#include "event.h"
#include "format.h"

/* A block as the walk found it, for the footer cross-check. */
struct wentry {
	uint64_t	 offset, first_event, icount_first, icount_last;
	uint32_t	 count, size;
	int		 unknown;	/* its header was damaged */
};

struct rr_verify {
	void		(*problem)(void *, const struct rr_problem *);
	void		*problem_arg;
	void		(*progress)(void *, uint64_t, uint64_t);
	void		*progress_arg;
	int		(*keyframe)(void *, const struct rr_snap *,
			    const struct rr_event *, char *, size_t);
	void		*keyframe_arg;
	struct rr_error	 err;

	/* Input: a window of the file, read forward (pipes work too). */
	int		 fd;
	int		 seekable;
	uint64_t	 fsize;
	uint8_t		*win;
	size_t		 wcap, wlen;
	uint64_t	 woff;		/* file offset of win[0] */
	uint64_t	 spos;		/* pipe: bytes consumed so far */
	int		 ioerr;

	ZSTD_DCtx	*dctx;
	uint8_t		*raw;
	size_t		 rcap;

	struct rr_verify_report *rep;
	int		 newer;		/* the file's minor is newer than ours */
	int		 gap_open;	/* a GAP: a keyframe must follow */
	uint64_t	 gap_resume;	/* at this icount */

	/* Where the walk is. */
	uint64_t	 bnum;		/* ordinal of the current block */
	uint64_t	 boff;
	uint64_t	 next_seq, next_event, prev_icount;
	int		 broken;	/* stream lost: skip the next lead */
	int		 resynced;	/* past a damaged header: adopt the
					   next block's numbers */
	int		 damaged;	/* first damage seen */
	int		 have_unsupported, have_corrupt, have_truncated;

	/* An event that runs on into the next block. */
	uint8_t		*carry;
	size_t		 clen, ccap;
	int		 carry_active;
	uint64_t	 carry_number, carry_picount, carry_boff;
	uint64_t	 carry_ifirst, carry_ilast;
	int		 carry_first;

	/* The checkpoint and keyframe last seen, to pair them by icount. */
	int		 have_ckpt, have_kf;
	uint64_t	 ckpt_icount, ckpt_hash;
	uint64_t	 kf_icount, kf_hash, kf_event, kf_boff;

	struct wentry	*ent;
	size_t		 nent, entcap;

	/* rr_verify_set_range: only the blocks from range_lo to range_hi. */
	int		 ranged;
	uint64_t	 range_lo, range_hi;
};

const char *
rr_verdict_name(int verdict)
{
	static const char *const names[] = {
		"valid", "truncated", "corrupt", "unsupported"
	};

	if (verdict < 0 || verdict > RR_VERDICT_UNSUPPORTED)
		return "unknown";
	return names[verdict];
}

struct rr_verify *
rr_verify_new(void)
{
	struct rr_verify *v;

	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	if ((v->dctx = ZSTD_createDCtx()) == NULL) {
		free(v);
		return NULL;
	}
	v->fd = -1;
	return v;
}

void
rr_verify_free(struct rr_verify *v)
{
	if (v == NULL)
		return;
	ZSTD_freeDCtx(v->dctx);
	free(v->win);
	free(v->raw);
	free(v->carry);
	free(v->ent);
	free(v);
}

void
rr_verify_set_problem(struct rr_verify *v,
    void (*cb)(void *, const struct rr_problem *), void *arg)
{
	v->problem = cb;
	v->problem_arg = arg;
}

void
rr_verify_set_progress(struct rr_verify *v,
    void (*cb)(void *, uint64_t, uint64_t), void *arg)
{
	v->progress = cb;
	v->progress_arg = arg;
}

void
rr_verify_set_keyframe(struct rr_verify *v,
    int (*cb)(void *, const struct rr_snap *, const struct rr_event *,
    char *, size_t), void *arg)
{
	v->keyframe = cb;
	v->keyframe_arg = arg;
}

const struct rr_error *
rr_verify_error(const struct rr_verify *v)
{
	return &v->err;
}

/* ---- problems ---- */

static void
mark_damage(struct rr_verify *v, uint64_t at)
{
	if (v->damaged)
		return;
	v->damaged = 1;
	v->rep->damage_offset = at;
}

/*
 * Report a problem.  at is the offset of the bad field; damage_at is
 * where the good part of the file ends because of it (the block it is
 * in), or RR_NO_OFFSET when the problem spoils nothing before it.
 */
static void
problem(struct rr_verify *v, int kind, uint64_t at, uint64_t event,
    uint64_t damage_at, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static void
problem(struct rr_verify *v, int kind, uint64_t at, uint64_t event,
    uint64_t damage_at, const char *check, const char *fmt, ...)
{
	struct rr_problem p;
	va_list ap;

	v->rep->problems++;
	if (kind == RR_E_UNSUPPORTED)
		v->have_unsupported = 1;
	else if (kind == RR_E_TRUNCATED)
		v->have_truncated = 1;
	else
		v->have_corrupt = 1;
	if (damage_at != RR_NO_OFFSET)
		mark_damage(v, damage_at);
	if (v->problem == NULL)
		return;
	p.kind = kind;
	p.offset = at;
	p.event = event;
	p.block = v->bnum;
	p.block_offset = v->boff;
	p.check = check;
	va_start(ap, fmt);
	vsnprintf(p.msg, sizeof(p.msg), fmt, ap);
	va_end(ap);
	v->problem(v->problem_arg, &p);
}

/* ---- input ---- */

/*
 * Make bytes [off, off + n) available at the returned pointer; *got says
 * how many there are (fewer at the end of the data).  Offsets only go
 * forward, so a pipe is read once; memory is bounded by the largest n.
 */
static const uint8_t *
fetch(struct rr_verify *v, uint64_t off, size_t n, size_t *got)
{
	uint8_t skip[4096];
	ssize_t k;
	size_t c;

	*got = 0;
	if (off < v->woff || off > v->woff + v->wlen) {
		if (!v->seekable && off < v->woff)
			return NULL;
		if (!v->seekable) {
			/* Skip forward on a pipe. */
			v->wlen = 0;
			v->woff = v->spos;
			while (v->spos < off) {
				c = off - v->spos < sizeof(skip) ?
				    (size_t)(off - v->spos) : sizeof(skip);
				k = read(v->fd, skip, c);
				if (k < 0 && errno == EINTR)
					continue;
				if (k < 0) {
					v->ioerr = errno;
					return NULL;
				}
				if (k == 0)
					break;
				v->spos += (uint64_t)k;
			}
			v->woff = v->spos;
			if (v->spos < off)
				return v->win;
		} else {
			v->woff = off;
			v->wlen = 0;
		}
	} else if (off > v->woff) {
		memmove(v->win, v->win + (off - v->woff),
		    v->wlen - (size_t)(off - v->woff));
		v->wlen -= (size_t)(off - v->woff);
		v->woff = off;
	}
	if (n > v->wcap) {
		uint8_t *p;
		size_t cap = v->wcap ? v->wcap : 65536;

		while (cap < n)
			cap *= 2;
		if ((p = realloc(v->win, cap)) == NULL) {
			v->ioerr = ENOMEM;
			return NULL;
		}
		v->win = p;
		v->wcap = cap;
	}
	while (v->wlen < n) {
		/* Read ahead, but never more than the window holds. */
		c = v->wcap - v->wlen;
		if (v->seekable)
			k = pread(v->fd, v->win + v->wlen, c,
			    (off_t)(v->woff + v->wlen));
		else
			k = read(v->fd, v->win + v->wlen, c);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			v->ioerr = errno;
			return NULL;
		}
		if (k == 0)
			break;
		v->wlen += (size_t)k;
		if (!v->seekable)
			v->spos += (uint64_t)k;
	}
	*got = v->wlen < n ? v->wlen : n;
	return v->win;
}

/* ---- events ---- */

static void
name_unknown(uint32_t *names, int *n, uint32_t x)
{
	int i;

	for (i = 0; i < *n; i++)
		if (names[i] == x)
			return;
	if (*n < RR_VERIFY_NAMES)
		names[(*n)++] = x;
}

static int
valid_utf8(const uint8_t *p, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0)
			k = 1, c = p[i] & 0x1f;
		else if ((p[i] & 0xf0) == 0xe0)
			k = 2, c = p[i] & 0x0f;
		else if ((p[i] & 0xf8) == 0xf0)
			k = 3, c = p[i] & 0x07;
		else
			return 0;
		if (n - i <= k)
			return 0;
		for (i++; k > 0; k--, i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i] & 0x3f);
		}
		if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
	}
	return 1;
}

/* A keyframe and a checkpoint at one icount must hash the same state. */
static void
pair_hashes(struct rr_verify *v, uint64_t event)
{
	if (!v->have_ckpt || !v->have_kf || v->ckpt_icount != v->kf_icount)
		return;
	if (v->ckpt_hash == v->kf_hash)
		v->rep->keyframes_matched++;
	else
		problem(v, RR_E_CORRUPT, v->kf_boff, v->kf_event, v->kf_boff,
		    "keyframe-hash", "keyframe state hash %016llx, the "
		    "checkpoint at icount %llu says %016llx",
		    (unsigned long long)v->kf_hash,
		    (unsigned long long)v->ckpt_icount,
		    (unsigned long long)v->ckpt_hash);
	(void)event;
	v->have_kf = 0;
}

static int
same_machine(const struct rr_header *a, const struct rr_header *b)
{
	return strcmp(a->machine, b->machine) == 0 &&
	    strcmp(a->isa, b->isa) == 0 &&
	    strcmp(a->devices, b->devices) == 0 &&
	    a->ram_base == b->ram_base && a->ram_size == b->ram_size &&
	    a->clock_shift == b->clock_shift;
}

/* A keyframe event: its snapshot, checked as the log's state there. */
static void
check_keyframe(struct rr_verify *v, const struct rr_event *ev)
{
	struct rr_snap *s;
	struct rr_error e;
	const struct rr_snap_meta *m;
	char msg[256];
	uint64_t at = v->boff;

	v->rep->keyframes++;
	if (rr_snap_decode(&s, ev->data, ev->len, &e) != RR_OK) {
		problem(v, RR_E_CORRUPT, at, ev->number, at, "keyframe",
		    "keyframe is not a snapshot: offset %llu in it: %s",
		    (unsigned long long)e.offset, e.msg);
		return;
	}
	m = rr_snap_meta(s);
	if (v->rep->header_ok && !same_machine(&m->hdr, &v->rep->hdr))
		problem(v, RR_E_CORRUPT, at, ev->number, at, "keyframe",
		    "keyframe is a snapshot of another machine (%s, %llu "
		    "bytes of RAM)", m->hdr.machine,
		    (unsigned long long)m->hdr.ram_size);
	else if (m->icount != ev->icount)
		problem(v, RR_E_CORRUPT, at, ev->number, at, "keyframe",
		    "keyframe's snapshot is at icount %llu, the event at %llu",
		    (unsigned long long)m->icount,
		    (unsigned long long)ev->icount);
	else if (v->rep->header_ok && memcmp(m->hdr.recording_id,
	    v->rep->hdr.recording_id, 16) != 0)
		problem(v, RR_E_CORRUPT, at, ev->number, at, "keyframe",
		    "keyframe belongs to another recording");
	else {
		v->have_kf = 1;
		v->kf_icount = ev->icount;
		v->kf_hash = m->state_hash;
		v->kf_event = ev->number;
		v->kf_boff = at;
		pair_hashes(v, ev->number);
		if (v->keyframe != NULL && v->keyframe(v->keyframe_arg, s, ev,
		    msg, sizeof(msg)) != 0)
			problem(v, RR_E_CORRUPT, at, ev->number, at,
			    "keyframe-state", "keyframe: %s", msg);
	}
	rr_snap_free(s);
}

/* A field rr_event_decode would not take: what is wrong, said. */
static void
undecoded(struct rr_verify *v, const struct rr_event *ev, int why,
    uint64_t bad)
{
	uint64_t at = v->boff, num = ev->number;

	switch (why) {
	case RR_EVD_BACKWARDS:
		problem(v, RR_E_CORRUPT, at, num, at, "gap", "gap at icount "
		    "%llu resumes before it, at icount %llu",
		    (unsigned long long)ev->icount, (unsigned long long)bad);
		break;
	case RR_EVD_PARTS:
		problem(v, RR_E_CORRUPT, at, num, at, "value", "checkpoint "
		    "with %llu parts (at most %u)", (unsigned long long)bad,
		    RR_PARTS_MAX);
		break;
	case RR_EVD_WIDE:
		if (ev->kind == RR_EV_ENTROPY)
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "entropy value 0x%llx over 32 bits",
			    (unsigned long long)bad);
		else if (ev->kind == RR_EV_CHECKPOINT)
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "checkpoint part %llu not known",
			    (unsigned long long)bad);
		else if (ev->kind == RR_EV_END)
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "END reason %llu not known",
			    (unsigned long long)bad);
		else
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "%s event field %llu over 32 bits",
			    rr_kind_name(ev->kind), (unsigned long long)bad);
		break;
	default:
		problem(v, RR_E_CORRUPT, at, num, at, "payload",
		    "malformed %s event payload", rr_kind_name(ev->kind));
		break;
	}
}

/*
 * The event of a known kind whose payload is p[0..n), decoded as the
 * reader decodes it (rr_event_decode), and its fields checked.
 */
static void
check_payload(struct rr_verify *v, struct rr_event *ev, const uint8_t *p,
    size_t n, uint64_t *pclock)
{
	uint64_t at = v->boff, num = ev->number, bad;
	size_t used, i;
	int extra_ok = v->newer, why;

	if (v->gap_open) {
		v->gap_open = 0;
		if (ev->kind != RR_EV_KEYFRAME || ev->icount != v->gap_resume)
			problem(v, RR_E_CORRUPT, at, num, at, "gap", "a gap "
			    "says the recording resumes with a keyframe at "
			    "icount %llu; this is %s at icount %llu",
			    (unsigned long long)v->gap_resume,
			    rr_kind_name(ev->kind),
			    (unsigned long long)ev->icount);
	}
	if ((why = rr_event_decode(ev, p, n, pclock, &used, &bad)) !=
	    RR_EVD_OK) {
		undecoded(v, ev, why, bad);
		return;
	}
	switch (ev->kind) {
	case RR_EV_GAP:
		if (v->rep->gaps++ == 0) {
			v->rep->gap_event = num;
			v->rep->gap_icount = ev->icount;
			v->rep->gap_resume_icount = ev->resume_icount;
			v->rep->gap_resume_event = ev->resume_event;
		}
		v->gap_open = 1;
		v->gap_resume = ev->resume_icount;
		break;
	case RR_EV_CLOCK:
		if (ev->value > INT64_MAX) {
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "clock value %llu past 2^63 ns",
			    (unsigned long long)ev->value);
			return;
		}
		break;
	case RR_EV_BH:
		/* Only the UART's receive bottom half is defined. */
		if (!extra_ok && (ev->device != RR_DEV_UART ||
		    ev->subkind != RR_BH_UART_RX)) {
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "%s for device %u kind %u, which this version does "
			    "not define", rr_kind_name(ev->kind), ev->device,
			    ev->subkind);
			return;
		}
		break;
	case RR_EV_SEMIHOST:
		/* Only a machine with semihosting makes the calls. */
		if (!v->rep->hdr.semihosting && !extra_ok) {
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "semihost event in a log whose header does not "
			    "say semihosting");
			return;
		}
		break;
	case RR_EV_CHECKPOINT:
		for (i = 0; i < ev->nparts; i++)
			if ((!rr_part_known(ev->parts[i].id) && !extra_ok) ||
			    (i > 0 && ev->parts[i].id <= ev->parts[i - 1].id)) {
				problem(v, RR_E_CORRUPT, at, num, at, "value",
				    "checkpoint part %u %s", ev->parts[i].id,
				    i > 0 && ev->parts[i].id <=
				    ev->parts[i - 1].id ? "out of order" :
				    "not known");
				return;
			}
		v->rep->checkpoints++;
		v->have_ckpt = 1;
		v->ckpt_icount = ev->icount;
		v->ckpt_hash = ev->value;
		pair_hashes(v, num);
		break;
	case RR_EV_KEYFRAME:
		/* The hook sees an event as the reader makes it. */
		ev->offset = at;
		rr_event_clear(ev);
		check_keyframe(v, ev);
		break;
	case RR_EV_MARK:
		if (!valid_utf8(ev->data, ev->len)) {
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "mark text is not UTF-8");
			return;
		}
		break;
	case RR_EV_END:
		if (ev->subkind > RR_END_CUT && !extra_ok) {
			problem(v, RR_E_CORRUPT, at, num, at, "value",
			    "END reason %u not known", ev->subkind);
			return;
		}
		v->rep->ended = 1;
		v->rep->end_status = ev->status;
		v->rep->end_reason = ev->subkind;
		break;
	}
	if (used != n && !extra_ok)
		problem(v, RR_E_CORRUPT, at, num, at, "length", "%s event "
		    "has %zu bytes past its fields", rr_kind_name(ev->kind),
		    n - used);
}

static void
count_event(struct rr_verify *v, const struct rr_event *ev)
{
	if (!v->damaged) {
		v->rep->good_events++;
		v->rep->good_icount = ev->icount;
	} else if (v->boff > v->rep->damage_offset) {
		if (v->rep->after_events++ == 0)
			v->rep->after_first_event = ev->number;
	}
}

/*
 * One event at p[0..n): its size, 0 when it runs past n, -1 when its
 * header is malformed (reported).
 */
static long
take_event(struct rr_verify *v, const uint8_t *p, size_t n,
    uint64_t number, uint64_t *picount, uint64_t *pclock, int first,
    uint64_t ifirst, uint64_t ilast)
{
	struct rr_event ev;
	uint64_t delta, len;
	size_t pos;

	switch (rr_event_head(p, n, &delta, &len, &pos)) {
	case RR_EVH_OK:
		break;
	case RR_EVH_MORE:
		return 0;
	case RR_EVH_KIND0:
		problem(v, RR_E_CORRUPT, v->boff, number, v->boff, "kind",
		    "event kind 0");
		return -1;
	case RR_EVH_LIMIT:
		problem(v, RR_E_LIMIT, v->boff, number, v->boff, "length",
		    "event length %llu over the limit",
		    (unsigned long long)len);
		return -1;
	default:
		problem(v, RR_E_CORRUPT, v->boff, number, v->boff, "varint",
		    "bad varint in event header");
		return -1;
	}
	if (first && delta != 0) {
		problem(v, RR_E_CORRUPT, v->boff, number, v->boff, "icount",
		    "first event of its block has icount delta %llu",
		    (unsigned long long)delta);
		return -1;
	}
	if (delta > UINT64_MAX - *picount) {
		problem(v, RR_E_CORRUPT, v->boff, number, v->boff, "icount",
		    "instruction count overflows");
		return -1;
	}
	ev.number = number;
	ev.kind = p[0];
	ev.icount = *picount + delta;
	*picount = ev.icount;
	if (ev.icount < ifirst || ev.icount > ilast) {
		problem(v, RR_E_CORRUPT, v->boff + (ev.icount < ifirst ?
		    BH_ICOUNT_FIRST : BH_ICOUNT_LAST), number, v->boff,
		    "icount", "icount %llu outside its block's %llu..%llu",
		    (unsigned long long)ev.icount,
		    (unsigned long long)ifirst, (unsigned long long)ilast);
	} else if (first && ev.icount != ifirst)
		problem(v, RR_E_CORRUPT, v->boff + BH_ICOUNT_FIRST, number,
		    v->boff, "icount", "icount %llu, its block says %llu",
		    (unsigned long long)ev.icount,
		    (unsigned long long)ifirst);
	v->rep->events++;
	v->rep->icount_last = ev.icount;
	if (v->rep->ended)
		problem(v, RR_E_CORRUPT, v->boff, number, v->boff, "end",
		    "event after END");
	if (ev.kind > RR_EV_KIND_MAX) {
		if (!v->newer)
			problem(v, RR_E_CORRUPT, v->boff, number, v->boff,
			    "kind", "event kind %u is not defined in version "
			    "%u.%u", ev.kind, v->rep->hdr.major,
			    v->rep->hdr.minor);
		v->rep->unknown_events++;
		name_unknown(v->rep->unknown_kinds, &v->rep->nunknown_kinds,
		    ev.kind);
	} else
		check_payload(v, &ev, p + pos, (size_t)len, pclock);
	count_event(v, &ev);
	return (long)(pos + len);
}

/* ---- blocks ---- */

static void
drop_carry(struct rr_verify *v)
{
	v->carry_active = 0;
	v->clen = 0;
}

/* Finish the event carried from an earlier block with this lead. */
static void
continue_carry(struct rr_verify *v, const uint8_t *raw, uint32_t rlen,
    const struct rr_block *b)
{
	uint64_t picount = v->carry_picount, pclock = 0;
	uint64_t save = v->boff;
	size_t need;
	long used;

	if (b->lead == 0) {
		problem(v, RR_E_CORRUPT, b->offset + BH_LEAD,
		    v->carry_number, b->offset, "lead", "event %llu "
		    "continues, but the block has no lead bytes",
		    (unsigned long long)v->carry_number);
		drop_carry(v);
		return;
	}
	need = v->clen + b->lead;
	if (need > RR_EVENT_MAX + EV_HDR_MAX) {
		problem(v, RR_E_LIMIT, b->offset, v->carry_number, b->offset,
		    "length", "event %llu over the size limit",
		    (unsigned long long)v->carry_number);
		drop_carry(v);
		return;
	}
	if (need > v->ccap) {
		size_t cap = v->ccap ? v->ccap : 4096;
		uint8_t *p;

		while (cap < need)
			cap *= 2;
		if ((p = realloc(v->carry, cap)) == NULL) {
			v->ioerr = ENOMEM;
			drop_carry(v);
			return;
		}
		v->carry = p;
		v->ccap = cap;
	}
	memcpy(v->carry + v->clen, raw, b->lead);
	v->clen = need;
	/* Problems with the event are told against the block it starts in. */
	v->boff = v->carry_boff;
	used = take_event(v, v->carry, v->clen, v->carry_number, &picount,
	    &pclock, v->carry_first, v->carry_ifirst, v->carry_ilast);
	v->boff = save;
	if (used == 0 && b->lead == rlen && b->count == 0)
		return;		/* goes on into a later block */
	if (used == 0)
		problem(v, RR_E_CORRUPT, b->offset + BH_LEAD, v->carry_number,
		    b->offset, "lead", "lead of %u bytes does not finish "
		    "event %llu", b->lead, (unsigned long long)v->carry_number);
	else if (used > 0 && (size_t)used != v->clen)
		problem(v, RR_E_CORRUPT, b->offset + BH_LEAD, v->carry_number,
		    b->offset, "lead", "lead of %u bytes overruns event %llu",
		    b->lead, (unsigned long long)v->carry_number);
	drop_carry(v);
}

/* Decode the events of a block whose payload is good. */
static void
decode_events(struct rr_verify *v, const struct rr_block *b,
    const uint8_t *raw, uint32_t rlen)
{
	uint64_t picount = b->icount_first, pclock = 0;
	uint32_t pos = 0, started = 0;
	long used;

	if (v->carry_active)
		continue_carry(v, raw, rlen, b);
	else if (b->lead != 0 && v->broken && b->count == 0)
		return;		/* still inside the lost event */
	else if (b->lead != 0 && !v->broken)
		problem(v, RR_E_CORRUPT, b->offset + BH_LEAD, b->first_event,
		    b->offset, "lead", "block continues an event that never "
		    "started");
	v->broken = 0;
	if (v->carry_active)
		return;		/* the whole block was lead */
	pos = b->lead;
	while (pos < rlen) {
		used = take_event(v, raw + pos, rlen - pos,
		    b->first_event + started, &picount, &pclock, started == 0,
		    b->icount_first, b->icount_last);
		if (used < 0) {
			/* The next event's start is lost with this one. */
			v->broken = 1;
			return;
		}
		if (used == 0) {
			v->clen = rlen - pos;
			if (v->clen > v->ccap) {
				uint8_t *p = realloc(v->carry, v->clen);

				if (p == NULL) {
					v->ioerr = ENOMEM;
					return;
				}
				v->carry = p;
				v->ccap = v->clen;
			}
			memcpy(v->carry, raw + pos, v->clen);
			v->carry_active = 1;
			v->carry_number = b->first_event + started;
			v->carry_picount = picount;
			v->carry_boff = b->offset;
			v->carry_first = started == 0;
			v->carry_ifirst = b->icount_first;
			v->carry_ilast = b->icount_last;
			started++;
			break;
		}
		started++;
		pos += (uint32_t)used;
	}
	if (started != b->count)
		problem(v, RR_E_CORRUPT, b->offset + BH_COUNT, b->first_event,
		    b->offset, "count", "block says %u events start in it, "
		    "found %u", b->count, started);
}

static void
note_block(struct rr_verify *v, const struct rr_block *b, int unknown)
{
	struct wentry *e;

	if (v->nent == v->entcap) {
		size_t cap = v->entcap ? v->entcap * 2 : 256;

		if ((e = realloc(v->ent, cap * sizeof(*e))) == NULL) {
			v->ioerr = ENOMEM;
			return;
		}
		v->ent = e;
		v->entcap = cap;
	}
	e = &v->ent[v->nent++];
	e->offset = b->offset;
	e->first_event = b->first_event;
	e->icount_first = b->icount_first;
	e->icount_last = b->icount_last;
	e->count = b->count;
	e->size = (uint32_t)b->size;
	e->unknown = unknown;
}

/*
 * After damage to a block header, look for the next header that checks
 * out, so the blocks past the damage are still verified.  Returns its
 * offset, or the end of the data.
 */
static uint64_t
resync(struct rr_verify *v, uint64_t from)
{
	const uint8_t *p;
	size_t got, i;
	uint64_t off = from;

	for (;;) {
		p = fetch(v, off, 65536 + BLK_HDR, &got);
		if (p == NULL || got < 4)
			return off + got;
		for (i = 0; i + 4 <= got; i++) {
			if (memcmp(p + i, IDX_MAGIC, 4) == 0 && v->rep->ended)
				return off + i;
			if (memcmp(p + i, BLK_MAGIC, 4) != 0)
				continue;
			if (got - i < BLK_HDR)
				return off + i;
			if (rr_crc32c(0, p + i, BH_HEADER_CRC) ==
			    rr_le32(p + i + BH_HEADER_CRC))
				return off + i;
		}
		if (got < 65536 + BLK_HDR)
			return off + got;
		off += got - BLK_HDR;
	}
}

/*
 * Check the header's fields that say how the block fits its neighbours;
 * a mismatch breaks the event stream but the block is still read.
 */
static void
check_sequence(struct rr_verify *v, const struct rr_block *b)
{
	uint64_t off = b->offset;
	int lost = 0;

	if (v->resynced) {
		/* The damaged header hid what should come next. */
		v->next_seq = b->seq;
		if (b->type == BLK_TYPE_EVENTS) {
			v->next_event = b->first_event;
			v->prev_icount = b->icount_first;
		}
		v->resynced = 0;
	}
	if (b->seq != v->next_seq) {
		problem(v, RR_E_CORRUPT, off + BH_SEQ, RR_NO_EVENT, off, "seq",
		    "block sequence %llu, expected %llu",
		    (unsigned long long)b->seq,
		    (unsigned long long)v->next_seq);
		lost = 1;
	}
	if (b->type == BLK_TYPE_EVENTS && b->first_event != v->next_event) {
		problem(v, RR_E_CORRUPT, off + BH_FIRST_EVENT, RR_NO_EVENT, off,
		    "first-event", "block first event %llu, expected %llu",
		    (unsigned long long)b->first_event,
		    (unsigned long long)v->next_event);
		lost = 1;
	}
	if (b->icount_first > b->icount_last ||
	    b->icount_first < v->prev_icount) {
		problem(v, RR_E_CORRUPT, off + BH_ICOUNT_FIRST, RR_NO_EVENT,
		    off, "icount", "block instruction counts %llu..%llu go "
		    "back (previous block ends at %llu)",
		    (unsigned long long)b->icount_first,
		    (unsigned long long)b->icount_last,
		    (unsigned long long)v->prev_icount);
		lost = 1;
	}
	if (b->type != BLK_TYPE_EVENTS && (b->first_event != 0 ||
	    b->count != 0 || b->lead != 0))
		problem(v, RR_E_CORRUPT, off + BH_FIRST_EVENT, RR_NO_EVENT, off,
		    "block-type", "block of type %u carries event numbers",
		    b->type);
	if (lost) {
		drop_carry(v);
		v->broken = 1;
	}
	v->next_seq = b->seq + 1;
	if (b->type == BLK_TYPE_EVENTS) {
		v->next_event = b->first_event + b->count;
		v->prev_icount = b->icount_last;
	}
}

/* Decompress and decode a block whose stored bytes are at p. */
static void
read_payload(struct rr_verify *v, const struct rr_block *b, const uint8_t *p)
{
	size_t got;

	if (ZSTD_getFrameContentSize(p + BLK_HDR, b->comp_size) !=
	    b->raw_size) {
		problem(v, RR_E_CORRUPT, b->offset + BLK_HDR, b->first_event,
		    b->offset, "frame", "block frame size differs from its "
		    "header");
		goto lost;
	}
	if (b->raw_size > v->rcap) {
		uint8_t *np = realloc(v->raw, b->raw_size);

		if (np == NULL) {
			v->ioerr = ENOMEM;
			return;
		}
		v->raw = np;
		v->rcap = b->raw_size;
	}
	got = ZSTD_decompressDCtx(v->dctx, v->raw, b->raw_size, p + BLK_HDR,
	    b->comp_size);
	if (ZSTD_isError(got) || got != b->raw_size) {
		problem(v, RR_E_CORRUPT, b->offset + BLK_HDR, b->first_event,
		    b->offset, "frame", "block payload does not decompress");
		goto lost;
	}
	decode_events(v, b, v->raw, b->raw_size);
	return;
lost:
	drop_carry(v);
	v->broken = 1;
}

/* One block at off; returns the offset of the next, or UINT64_MAX: stop. */
static uint64_t
walk_block(struct rr_verify *v, uint64_t off, const uint8_t *hdr)
{
	struct rr_block b;
	const uint8_t *p;
	uint8_t h[BLK_HDR];
	size_t got;

	/* The window may move when the whole block is fetched: keep a copy. */
	memcpy(h, hdr, BLK_HDR);
	v->boff = off;
	rr_block_parse(&b, h, off);
	v->rep->blocks++;
	if (rr_le16(h + BH_HSIZE) != BLK_HDR)
		problem(v, RR_E_CORRUPT, off + BH_HSIZE, RR_NO_EVENT, off,
		    "header-size", "block header size %u, expected %u",
		    rr_le16(h + BH_HSIZE), BLK_HDR);
	if (b.raw_size == 0 || b.raw_size > RR_BLOCK_MAX ||
	    b.comp_size == 0 || b.comp_size > BLK_COMP_MAX) {
		problem(v, RR_E_LIMIT, off + (b.raw_size == 0 ||
		    b.raw_size > RR_BLOCK_MAX ? BH_RAW : BH_COMP), RR_NO_EVENT,
		    off, "size", "block sizes raw %u, stored %u outside "
		    "1..%u", b.raw_size, b.comp_size, RR_BLOCK_MAX);
		note_block(v, &b, 1);
		drop_carry(v);
		v->broken = 1;
		v->resynced = 1;
		return resync(v, off + BLK_HDR);
	}
	if (b.count > b.raw_size || b.lead > b.raw_size)
		problem(v, RR_E_CORRUPT, off + BH_COUNT, RR_NO_EVENT, off,
		    "count", "block event count %u or lead %u over its %u "
		    "bytes", b.count, b.lead, b.raw_size);
	check_sequence(v, &b);
	p = fetch(v, off, (size_t)b.size, &got);
	if (p == NULL)
		return UINT64_MAX;
	if (got < b.size) {
		problem(v, RR_E_TRUNCATED, off + got, b.first_event, off,
		    "truncated", "block truncated (%zu of %llu bytes)", got,
		    (unsigned long long)b.size);
		drop_carry(v);
		return UINT64_MAX;
	}
	if (rr_le32(p + BLK_HDR + b.comp_size) != b.size)
		problem(v, RR_E_CORRUPT, off + BLK_HDR + b.comp_size,
		    RR_NO_EVENT, off, "trailer", "block trailer %u, expected "
		    "%llu", rr_le32(p + BLK_HDR + b.comp_size),
		    (unsigned long long)b.size);
	note_block(v, &b, 0);
	if (b.flags != 0) {
		problem(v, RR_E_UNSUPPORTED, off + BH_FLAGS, RR_NO_EVENT, off,
		    "flags", "block flags 0x%x not known", b.flags);
		drop_carry(v);
		v->broken = 1;
	} else if (rr_crc32c(0, p + BLK_HDR, b.comp_size) !=
	    rr_le32(p + BH_PAYLOAD_CRC)) {	/* fetch may move h's buffer */
		/* At the payload, as the reader and the copier say it. */
		problem(v, RR_E_CORRUPT, off + BLK_HDR, b.first_event,
		    off, "payload-crc", "block payload checksum mismatch "
		    "(block at offset %llu)", (unsigned long long)off);
		drop_carry(v);
		v->broken = 1;
	} else if (b.type != BLK_TYPE_EVENTS) {
		v->rep->unknown_blocks++;
		name_unknown(v->rep->unknown_types, &v->rep->nunknown_types,
		    b.type);
	} else if (v->rep->ended)
		problem(v, RR_E_CORRUPT, off, b.first_event, off, "end",
		    "block after the one holding END");
	else
		read_payload(v, &b, p);
	if (v->progress != NULL)
		v->progress(v->progress_arg, off + b.size, v->fsize);
	v->bnum++;
	return off + b.size;
}

/* ---- footer ---- */

static int
entry_differs(struct rr_verify *v, uint64_t i, const uint8_t *p,
    uint64_t at)
{
	static const struct {
		int		 off;
		const char	*name;
	} f[] = {
		{ IE_OFFSET, "offset" }, { IE_FIRST_EVENT, "first_event" },
		{ IE_ICOUNT_FIRST, "icount_first" },
		{ IE_ICOUNT_LAST, "icount_last" }, { IE_COUNT, "count" },
		{ IE_SIZE, "size" }
	};
	const struct wentry *e = &v->ent[i];
	uint64_t want[6], got;
	size_t k;

	if (e->unknown)
		return 0;

	want[0] = e->offset;
	want[1] = e->first_event;
	want[2] = e->icount_first;
	want[3] = e->icount_last;
	want[4] = e->count;
	want[5] = e->size;
	for (k = 0; k < 6; k++) {
		got = k < 4 ? rr_le64(p + f[k].off) : rr_le32(p + f[k].off);
		if (got == want[k])
			continue;
		problem(v, RR_E_CORRUPT, at + (uint64_t)f[k].off, RR_NO_EVENT,
		    RR_NO_OFFSET, "index-entry", "index entry %llu: %s %llu, "
		    "the block at offset %llu says %llu",
		    (unsigned long long)i, f[k].name, (unsigned long long)got,
		    (unsigned long long)e->offset,
		    (unsigned long long)want[k]);
		return 1;
	}
	return 0;
}

/*
 * The footer index at off, entry by entry against the blocks walked,
 * then its tail, CRC and the trailer.  Damage here spoils no event: a
 * reader rebuilds the index.
 */
static void
walk_footer(struct rr_verify *v, uint64_t off)
{
	const uint8_t *p;
	size_t got;
	uint64_t n, i, at;
	uint32_t crc;

	v->boff = off;
	v->bnum = RR_NO_BLOCK;
	if (!v->rep->ended)
		problem(v, RR_E_CORRUPT, off, RR_NO_EVENT, off, "footer",
		    "footer index before END");
	if ((p = fetch(v, off, IDX_HDR, &got)) == NULL)
		return;
	if (got < IDX_HDR) {
		problem(v, RR_E_TRUNCATED, off + got, RR_NO_EVENT,
		    RR_NO_OFFSET, "footer", "footer index truncated");
		return;
	}
	if (rr_le32(p + 4) != IDX_ENTRY) {
		problem(v, RR_E_CORRUPT, off + 4, RR_NO_EVENT, RR_NO_OFFSET,
		    "footer", "index entry size %u, expected %u",
		    rr_le32(p + 4), IDX_ENTRY);
		return;
	}
	n = rr_le64(p + 8);
	crc = rr_crc32c(0, p, IDX_HDR);
	if (v->seekable && (n > v->fsize / IDX_ENTRY || off + IDX_HDR +
	    n * IDX_ENTRY + IDX_TAIL + TRAILER_LEN != v->fsize)) {
		problem(v, RR_E_CORRUPT, off + 8, RR_NO_EVENT, RR_NO_OFFSET,
		    "footer", "index of %llu entries does not fit the %llu "
		    "bytes after it", (unsigned long long)n,
		    (unsigned long long)(v->fsize - off));
		return;
	}
	if (n != v->nent)
		problem(v, RR_E_CORRUPT, off + 8, RR_NO_EVENT, RR_NO_OFFSET,
		    "index-count", "index has %llu entries, the file %llu "
		    "blocks", (unsigned long long)n,
		    (unsigned long long)v->nent);
	at = off + IDX_HDR;
	for (i = 0; i < n; i++, at += IDX_ENTRY) {
		if ((p = fetch(v, at, IDX_ENTRY, &got)) == NULL)
			return;
		if (got < IDX_ENTRY) {
			problem(v, RR_E_TRUNCATED, at + got, RR_NO_EVENT,
			    RR_NO_OFFSET, "footer", "footer index truncated");
			return;
		}
		crc = rr_crc32c(crc, p, IDX_ENTRY);
		if (i < v->nent)
			entry_differs(v, i, p, at);
	}
	if ((p = fetch(v, at, IDX_TAIL + TRAILER_LEN, &got)) == NULL)
		return;
	if (got < IDX_TAIL) {
		problem(v, RR_E_TRUNCATED, at + got, RR_NO_EVENT, RR_NO_OFFSET,
		    "footer", "footer index truncated");
		return;
	}
	if (rr_le64(p) != v->next_event)
		problem(v, RR_E_CORRUPT, at, RR_NO_EVENT, RR_NO_OFFSET,
		    "index-tail", "index says %llu events, the blocks hold "
		    "%llu", (unsigned long long)rr_le64(p),
		    (unsigned long long)v->next_event);
	if (rr_le64(p + 8) != v->rep->icount_last)
		problem(v, RR_E_CORRUPT, at + 8, RR_NO_EVENT, RR_NO_OFFSET,
		    "index-tail", "index says the last icount is %llu, the "
		    "events end at %llu", (unsigned long long)rr_le64(p + 8),
		    (unsigned long long)v->rep->icount_last);
	crc = rr_crc32c(crc, p, 16);
	if (rr_le32(p + 16) != crc)
		problem(v, RR_E_CORRUPT, at + 16, RR_NO_EVENT, RR_NO_OFFSET,
		    "index-crc", "footer index checksum mismatch");
	else if (v->rep->problems == 0)
		v->rep->indexed = 1;
	at += IDX_TAIL;
	if (got < IDX_TAIL + TRAILER_LEN) {
		problem(v, RR_E_TRUNCATED, at + got - IDX_TAIL, RR_NO_EVENT,
		    RR_NO_OFFSET, "trailer", "trailer truncated");
		return;
	}
	if (rr_le64(p + IDX_TAIL) != off)
		problem(v, RR_E_CORRUPT, at, RR_NO_EVENT, RR_NO_OFFSET,
		    "trailer", "trailer points at offset %llu, the footer is "
		    "at %llu", (unsigned long long)rr_le64(p + IDX_TAIL),
		    (unsigned long long)off);
	if (memcmp(p + IDX_TAIL + 8, TRAILER_MAGIC, 8) != 0)
		problem(v, RR_E_CORRUPT, at + 8, RR_NO_EVENT, RR_NO_OFFSET,
		    "trailer", "bad trailer magic");
	at += TRAILER_LEN;
	if ((p = fetch(v, at, 1, &got)) != NULL && got > 0)
		problem(v, RR_E_CORRUPT, at, RR_NO_EVENT, RR_NO_OFFSET,
		    "trailer", "data after the trailer");
	if (v->rep->problems == 0)
		v->rep->closed = 1;
}

/* ---- the file header ---- */

/* Returns the header size, or 0 when nothing past it can be trusted. */
static uint64_t
walk_header(struct rr_verify *v)
{
	struct rr_verify_report *rep = v->rep;
	struct rr_error e;
	const uint8_t *p;
	size_t got;
	uint32_t size;

	if ((p = fetch(v, 0, LOG_HEAD_FIXED, &got)) == NULL)
		return 0;
	if (got < LOG_MAGIC_LEN || memcmp(p, LOG_MAGIC, LOG_MAGIC_LEN) != 0) {
		if (got == 0)
			problem(v, RR_E_TRUNCATED, 0, RR_NO_EVENT, 0,
			    "truncated", "empty file: no file header");
		else if (memcmp(p, LOG_MAGIC, got < LOG_MAGIC_LEN ? got :
		    LOG_MAGIC_LEN) == 0)
			problem(v, RR_E_TRUNCATED, got, RR_NO_EVENT, 0,
			    "truncated", "file header truncated");
		else if (got >= 4 && memcmp(p, "\x89RRS", 4) == 0)
			problem(v, RR_E_UNSUPPORTED, 0, RR_NO_EVENT, 0,
			    "magic", "a snapshot, not a log (use --snapshot)");
		else if (got >= 4 && memcmp(p, "\x89RRL", 4) == 0)
			problem(v, RR_E_CORRUPT, 0, RR_NO_EVENT, 0, "magic",
			    "bad magic: text-mode (CR/LF) damage?");
		else
			problem(v, RR_E_CORRUPT, 0, RR_NO_EVENT, 0, "magic",
			    "not an rr log (bad magic)");
		return 0;
	}
	if (got < LOG_HEAD_FIXED) {
		problem(v, RR_E_TRUNCATED, got, RR_NO_EVENT, 0, "truncated",
		    "file header truncated");
		return 0;
	}
	rep->hdr.major = rr_le16(p + 8);
	rep->hdr.minor = rr_le16(p + 10);
	size = rr_le32(p + 12);
	if (rep->hdr.major != RR_LOG_MAJOR) {
		problem(v, RR_E_UNSUPPORTED, 8, RR_NO_EVENT, 0, "version",
		    "format version %u.%u, this verifier knows %u.0 to %u.%u",
		    rep->hdr.major, rep->hdr.minor, RR_LOG_MAJOR,
		    RR_LOG_MAJOR, RR_LOG_MINOR);
		return 0;
	}
	v->newer = rep->hdr.minor > RR_LOG_MINOR;
	if (size < LOG_HEAD_MIN || size > RR_HEADER_MAX) {
		problem(v, RR_E_LIMIT, 12, RR_NO_EVENT, 0, "header-size",
		    "header size %u outside %u..%u", size, LOG_HEAD_MIN,
		    RR_HEADER_MAX);
		return 0;
	}
	if ((p = fetch(v, 0, size, &got)) == NULL)
		return 0;
	if (got < size) {
		problem(v, RR_E_TRUNCATED, got, RR_NO_EVENT, 0, "truncated",
		    "file header truncated (%u bytes claimed)", size);
		return 0;
	}
	if (rr_crc32c(0, p, size - 4) != rr_le32(p + size - 4))
		problem(v, RR_E_CORRUPT, size - 4, RR_NO_EVENT, 0,
		    "header-crc", "file header checksum mismatch");
	if (rr_header_fields_get(&rep->hdr, p + LOG_HEAD_FIXED,
	    size - LOG_HEAD_MIN, LOG_HEAD_FIXED, &e) != RR_OK)
		problem(v, e.kind, e.offset, RR_NO_EVENT, 0, "header-field",
		    "%s", e.msg);
	else if (v->rep->problems == 0)
		rep->header_ok = 1;
	return size;
}

/* ---- the whole log ---- */

static void
walk(struct rr_verify *v)
{
	struct rr_block b;
	const uint8_t *p;
	uint64_t off, next;
	size_t got;

	if ((off = walk_header(v)) == 0)
		return;
	v->bnum = 0;
	if (v->ranged && v->range_lo > off) {
		/* Mid-log: adopt the first block's numbers, drop its lead. */
		off = v->range_lo;
		v->resynced = 1;
		v->broken = 1;
		v->bnum = 0;	/* counted from the range's first block */
	}
	for (;;) {
		if (v->ranged && off > v->range_hi && !v->carry_active)
			return;
		v->boff = off;
		if ((p = fetch(v, off, BLK_HDR, &got)) == NULL)
			return;
		if (got == 0)
			break;
		if (got >= 4 && memcmp(p, IDX_MAGIC, 4) == 0) {
			walk_footer(v, off);
			return;
		}
		if (memcmp(p, BLK_MAGIC, got < 4 ? got : 4) != 0) {
			problem(v, RR_E_CORRUPT, off, RR_NO_EVENT, off,
			    "block-magic", "bad block magic");
			memset(&b, 0, sizeof(b));
			b.offset = off;
			note_block(v, &b, 1);
			drop_carry(v);
			v->broken = 1;
			v->resynced = 1;
			off = resync(v, off + 1);
			continue;
		}
		if (got < BLK_HDR) {
			problem(v, RR_E_TRUNCATED, off + got, RR_NO_EVENT, off,
			    "truncated", "block header truncated");
			drop_carry(v);
			return;
		}
		if (rr_crc32c(0, p, BH_HEADER_CRC) !=
		    rr_le32(p + BH_HEADER_CRC)) {
			problem(v, RR_E_CORRUPT, off + BH_HEADER_CRC,
			    RR_NO_EVENT, off, "header-crc", "block header "
			    "checksum mismatch");
			memset(&b, 0, sizeof(b));
			b.offset = off;
			note_block(v, &b, 1);
			drop_carry(v);
			v->broken = 1;
			v->resynced = 1;
			v->bnum++;
			off = resync(v, off + 1);
			continue;
		}
		if ((next = walk_block(v, off, p)) == UINT64_MAX || v->ioerr)
			return;
		off = next;
	}
	/* The data ended where a block or the footer should start. */
	v->boff = off;
	v->bnum = RR_NO_BLOCK;
	if (v->carry_active)
		problem(v, RR_E_TRUNCATED, off, v->carry_number, off,
		    "truncated", "log ends inside event %llu",
		    (unsigned long long)v->carry_number);
	else if (!v->rep->ended)
		problem(v, RR_E_TRUNCATED, off, RR_NO_EVENT, off, "truncated",
		    "log ends without END after %llu events (not closed: "
		    "recorder killed?)", (unsigned long long)v->next_event);
	else
		problem(v, RR_E_TRUNCATED, off, RR_NO_EVENT, RR_NO_OFFSET,
		    "footer", "log ends after END without its footer index "
		    "(not closed cleanly)");
}

void
rr_verify_set_range(struct rr_verify *v, uint64_t from, uint64_t to)
{
	v->ranged = 1;
	v->range_lo = from;
	v->range_hi = to;
}

int
rr_verify_log_fd(struct rr_verify *v, int fd, struct rr_verify_report *rep)
{
	return rr_verify_log_prefix(v, fd, NULL, 0, rep);
}

int
rr_verify_log_prefix(struct rr_verify *v, int fd, const void *prefix,
    size_t plen, struct rr_verify_report *rep)
{
	struct stat st;

	memset(rep, 0, sizeof(*rep));
	rr_header_init(&rep->hdr);
	rep->damage_offset = RR_NO_OFFSET;
	rep->after_first_event = RR_NO_EVENT;
	rr_clearerr(&v->err);
	v->rep = rep;
	v->fd = fd;
	v->seekable = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	v->fsize = v->seekable ? (uint64_t)st.st_size : 0;
	v->wlen = 0;
	v->woff = 0;
	v->spos = 0;
	v->ioerr = 0;
	v->newer = 0;
	v->bnum = RR_NO_BLOCK;
	v->boff = 0;
	v->next_seq = v->next_event = v->prev_icount = 0;
	v->broken = v->damaged = v->resynced = 0;
	v->have_unsupported = v->have_corrupt = v->have_truncated = 0;
	v->have_ckpt = v->have_kf = 0;
	v->nent = 0;
	drop_carry(v);
	if (!v->seekable && plen > 0) {
		/* A pipe's first bytes, read by the caller: the window's. */
		if (v->wcap < plen) {
			uint8_t *p = realloc(v->win, plen < 65536 ? 65536 :
			    plen);

			if (p == NULL) {
				rr_seterr(&v->err, RR_E_NOMEM, RR_NO_OFFSET,
				    RR_NO_EVENT, "out of memory");
				return RR_FATAL;
			}
			v->win = p;
			v->wcap = plen < 65536 ? 65536 : plen;
		}
		memcpy(v->win, prefix, plen);
		v->wlen = plen;
		v->spos = plen;
	}
	walk(v);
	rep->file_size = v->seekable ? v->fsize : v->spos;
	if (!v->damaged)
		rep->good_bytes = rep->file_size;
	else
		rep->good_bytes = rep->damage_offset;
	if (v->have_unsupported)
		rep->verdict = RR_VERDICT_UNSUPPORTED;
	else if (v->have_corrupt)
		rep->verdict = RR_VERDICT_CORRUPT;
	else if (v->have_truncated)
		rep->verdict = RR_VERDICT_TRUNCATED;
	else
		rep->verdict = RR_VERDICT_VALID;
	if (v->ioerr) {
		rr_seterr(&v->err, v->ioerr == ENOMEM ? RR_E_NOMEM : RR_E_IO,
		    RR_NO_OFFSET, RR_NO_EVENT, "%s", strerror(v->ioerr));
		v->err.sys_errno = v->ioerr;
		return RR_FATAL;
	}
	return RR_OK;
}

int
rr_verify_log(struct rr_verify *v, const char *path,
    struct rr_verify_report *rep)
{
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return rr_verify_log_fd(v, STDIN_FILENO, rep);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		memset(rep, 0, sizeof(*rep));
		rr_seterr(&v->err, RR_E_IO, RR_NO_OFFSET, RR_NO_EVENT, "%s",
		    strerror(errno));
		v->err.sys_errno = errno;
		return RR_FATAL;
	}
	rc = rr_verify_log_fd(v, fd, rep);
	close(fd);
	return rc;
}
