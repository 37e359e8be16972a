/*
 * Pinned host inputs: the RTC on virtual time from a base date, the
 * seed CSR from a seeded generator, and values taken from a known-good
 * log for as long as the guest asks for them in the same order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "pin.h"
#include "semihost.h"
#include "devkit.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

#define NS		1000000000ull
#define YEAR_MIN	1970
#define YEAR_MAX	2500	/* its end, in ns, still fits 64 bits */
#define SEED_ES16	(2u << 30)	/* OPST: 16 bits of entropy */

struct pin {
	struct pin_config c;
	uint8_t		 from_id[16];	/* the known-good log's recording id */
	struct rr_reader *r;		/* the known-good log, or NULL */
	struct rr_event	 ev;		/* its next host value, read ahead */
	int		 have_ev;
	int		 from_done;	/* it has no more host values */
	uint64_t	 requests;	/* host values the guest asked for */
	uint64_t	 entropy;	/* seed reads among them */
	/* where the values parted from the known-good log */
	int		 parted;
	char		 part_text[512];
};

/* ---- options ---- */

static int
leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
digits(const char *s, int n, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 0;
}

int
pin_parse_date(const char *s, uint64_t *ns)
{
	static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	unsigned y, mo, d, h = 0, mi = 0, se = 0, i;
	unsigned long long secs;
	uint64_t days = 0;
	char *end;
	size_t n = strlen(s);

	if (s[0] == '@') {
		if (s[1] < '0' || s[1] > '9')
			return -1;
		errno = 0;
		secs = strtoull(s + 1, &end, 10);
		if (errno != 0 || *end != '\0')
			return -1;
	} else {
		if (n > 0 && s[n - 1] == 'Z')
			n--;
		if ((n != 10 && n != 19) || digits(s, 4, &y) != 0 ||
		    s[4] != '-' || digits(s + 5, 2, &mo) != 0 || s[7] != '-' ||
		    digits(s + 8, 2, &d) != 0)
			return -1;
		if (n == 19 && (s[10] != 'T' || digits(s + 11, 2, &h) != 0 ||
		    s[13] != ':' || digits(s + 14, 2, &mi) != 0 ||
		    s[16] != ':' || digits(s + 17, 2, &se) != 0))
			return -1;
		if (y < YEAR_MIN || y > YEAR_MAX || mo < 1 || mo > 12 ||
		    d < 1 || d > mdays[mo - 1] + (mo == 2 && leap(y)) ||
		    h > 23 || mi > 59 || se > 59)
			return -1;
		for (i = YEAR_MIN; i < y; i++)
			days += 365 + (unsigned)leap(i);
		for (i = 1; i < mo; i++)
			days += mdays[i - 1] + (i == 2 && leap(y));
		days += d - 1;
		secs = days * 86400 + h * 3600u + mi * 60u + se;
	}
	/* The last second of YEAR_MAX is the latest base. */
	for (days = 0, i = YEAR_MIN; i <= YEAR_MAX; i++)
		days += 365 + (unsigned)leap(i);
	if (secs >= days * 86400)
		return -1;
	*ns = (uint64_t)secs * NS;
	return 0;
}

int
pin_option(struct pin_config *c, const char *name, const char *arg,
    char *err, size_t errlen)
{
	unsigned long long v;
	char *end;

	if (strcmp(name, "rtc-base") == 0) {
		if (pin_parse_date(arg, &c->clock_base) != 0) {
			snprintf(err, errlen, "--rtc-base: not a date from "
			    "%d to %d as YYYY-MM-DD[THH:MM:SS] (UTC) or "
			    "@SECONDS: %.60s", YEAR_MIN, YEAR_MAX, arg);
			return -1;
		}
		c->clock_vm = 1;
		return 0;
	}
	if (strcmp(name, "entropy-seed") == 0) {
		errno = 0;
		v = arg[0] >= '0' && arg[0] <= '9' ? strtoull(arg, &end, 0) :
		    0;
		if (arg[0] < '0' || arg[0] > '9' || errno != 0 ||
		    *end != '\0') {
			snprintf(err, errlen, "--entropy-seed: not a number "
			    "from 0 to 2^64-1: %.60s", arg);
			return -1;
		}
		c->entropy_seed = v;
		c->entropy_seeded = 1;
		return 0;
	}
	c->host_from = arg;
	return 0;
}

uint32_t
pin_seeded(uint64_t seed, uint64_t n)
{
	uint8_t b[8];
	int i;

	/* XXH64 of n (8 bytes, little-endian) seeded with seed: 16 bits. */
	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(n >> (8 * i));
	return SEED_ES16 | (uint32_t)(rr_hash64(b, sizeof(b), seed) &
	    0xffffu);
}

/* ---- the known-good log ---- */

static int	 from_next(struct pin *, struct machine *);

static int
from_fail(struct emu_error *e, const struct rr_error *re)
{
	e->kind = EMU_E_LOG;
	e->offset = re->offset;
	e->event = re->event;
	snprintf(e->msg, sizeof(e->msg), "%s", re->msg);
	return -1;
}

static int
from_refuse(struct emu_error *e, const char *what)
{
	e->kind = EMU_E_LOG;
	e->offset = RR_NO_OFFSET;
	e->event = RR_NO_EVENT;
	snprintf(e->msg, sizeof(e->msg), "%s", what);
	return -1;
}

/*
 * Read the whole log once, so that a damaged one is refused before the
 * run starts, not halfway through it; then back to its start.
 */
static int
from_check(struct pin *p, const struct rr_header *run, struct emu_error *e)
{
	const struct rr_header *h = rr_reader_header(p->r);
	const struct rr_error *re;
	struct rr_event ev;
	int rc;

	if (h->image_hash != run->image_hash)
		return from_refuse(e, "recorded from another guest image");
	if (h->has_origin || h->gaps > 0)
		return from_refuse(e, "not a whole recording (a cut or a "
		    "log with gaps): its host values do not start at the "
		    "guest's first");
	while ((rc = rr_reader_next(p->r, &ev)) == RR_OK)
		rr_reader_trim(p->r);
	if (rc != RR_EOF)
		return from_fail(e, rr_reader_error(p->r));
	if ((re = rr_reader_end_error(p->r)) != NULL)
		return from_fail(e, re);
	if (rr_reader_rewind(p->r) != RR_OK)
		return from_fail(e, rr_reader_error(p->r));
	memcpy(p->from_id, h->recording_id, 16);
	return 0;
}

/*
 * A run resumed from snapshot s: the guest took n host values before
 * it, so the known-good log goes on after its n-th; the seeded
 * generator's count goes on too.
 */
static int
resume(struct pin *p, const struct rr_snap *s, struct emu_error *e)
{
	struct rr_error re;
	uint64_t n = 0, k, parted = 0;
	long sec = rr_snap_find(s, "gate");

	e->kind = EMU_E_MACHINE;
	e->offset = RR_NO_OFFSET;
	e->event = RR_NO_EVENT;
	if (sec < 0 || !snap_has(s, (size_t)sec, "pin_requests")) {
		if (p->r == NULL)
			return 0;	/* counted from the snapshot on */
		snprintf(e->msg, sizeof(e->msg), "the snapshot does not say "
		    "how many host values its guest took (a run without "
		    "pinned host inputs made it): --host-from cannot follow "
		    "it");
		return -1;
	}
	if (rr_snap_get_u64(s, (size_t)sec, "pin_requests", &n, &re) !=
	    RR_OK || rr_snap_get_u64(s, (size_t)sec, "pin_entropy",
	    &p->entropy, &re) != RR_OK || p->entropy > n ||
	    (snap_has(s, (size_t)sec, "pin_parted") &&
	    rr_snap_get_u64(s, (size_t)sec, "pin_parted", &parted, &re) !=
	    RR_OK)) {
		snprintf(e->msg, sizeof(e->msg), "gate: pinned host value "
		    "counts are damaged");
		return -1;
	}
	for (k = 0; k < n && p->r != NULL && !parted; k++) {
		if (from_next(p, NULL) != 0)
			return from_fail(e, rr_reader_error(p->r));
		if (p->from_done)
			break;
		p->have_ev = 0;
	}
	p->requests = n;
	if (parted && p->r != NULL) {
		p->parted = 1;
		snprintf(p->part_text, sizeof(p->part_text), "host values "
		    "parted from the --host-from log before the snapshot "
		    "this run resumed from");
		rr_reader_close(p->r);
		p->r = NULL;
	}
	return 0;
}

int
pin_open(struct pin **pp, const struct pin_config *c,
    const struct rr_header *run, const struct rr_snap *snap,
    struct emu_error *e)
{
	struct pin *p;
	struct rr_error re;

	*pp = NULL;
	if (!c->clock_vm && !c->entropy_seeded && c->host_from == NULL)
		return 0;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return from_refuse(e, "out of memory");
	p->c = *c;
	if (c->host_from != NULL) {
		if (rr_reader_open(&p->r, c->host_from, &re) != RR_OK) {
			free(p);
			return from_fail(e, &re);
		}
		if (from_check(p, run, e) != 0) {
			pin_close(p);
			return -1;
		}
	}
	if (snap != NULL && resume(p, snap, e) != 0) {
		pin_close(p);
		return -1;
	}
	*pp = p;
	return 0;
}

void
pin_close(struct pin *p)
{
	if (p == NULL)
		return;
	rr_reader_close(p->r);
	free(p);
}

void
pin_header(const struct pin *p, struct rr_header *h)
{
	if (p == NULL)
		return;
	/* A base or seed means nothing without its flag (not written). */
	h->clock_vm = (uint32_t)p->c.clock_vm;
	h->clock_base = p->c.clock_base;
	h->entropy_seeded = (uint32_t)p->c.entropy_seeded;
	h->entropy_seed = p->c.entropy_seed;
	h->has_host_from = p->c.host_from != NULL;
	memcpy(h->host_from, p->from_id, 16);
}

/* A host value of the known-good log: what the guest asks for. */
static int
is_request(const struct rr_event *ev)
{
	return ev->kind == RR_EV_CLOCK || ev->kind == RR_EV_ENTROPY ||
	    (ev->kind == RR_EV_SEMIHOST && (ev->subkind == SH_CLOCK ||
	    ev->subkind == SH_TIME || ev->subkind == SH_ELAPSED));
}

/* Read ahead to the known-good log's next host value. */
static int
from_next(struct pin *p, struct machine *m)
{
	const struct rr_error *re;
	int rc;

	while (!p->have_ev && !p->from_done) {
		rc = rr_reader_next(p->r, &p->ev);
		if (rc == RR_EOF) {
			p->from_done = 1;
			break;
		}
		if (rc != RR_OK) {
			if (m == NULL)
				return -1;
			re = rr_reader_error(p->r);
			return emu_fail(m, EMU_E_MACHINE, re->event, re->offset,
			    "--host-from %.60s: %s", p->c.host_from, re->msg);
		}
		rr_reader_trim(p->r);
		p->have_ev = is_request(&p->ev);
	}
	return 0;
}

static const char *
request_name(uint32_t kind, uint32_t op, char *buf, size_t len)
{
	if (kind != RR_EV_SEMIHOST)
		return rr_kind_name(kind);
	snprintf(buf, len, "semihosting %s", op == SH_CLOCK ? "CLOCK" :
	    op == SH_TIME ? "TIME" : "ELAPSED");
	return buf;
}

/* The guest asked for something else than the known-good log has. */
static void
part(struct pin *p, struct machine *m, uint64_t event, uint32_t kind,
    uint32_t op)
{
	char at[48], want[32], has[32], log[96];

	p->parted = 1;
	if (event != RR_NO_EVENT)
		snprintf(at, sizeof(at), "event %llu, ",
		    (unsigned long long)event);
	else
		at[0] = '\0';
	if (p->from_done)
		snprintf(log, sizeof(log), "that log has no more");
	else
		snprintf(log, sizeof(log), "that log's is %s (its event %llu, "
		    "icount %llu)", request_name(p->ev.kind, p->ev.subkind,
		    has, sizeof(has)), (unsigned long long)p->ev.number,
		    (unsigned long long)p->ev.icount);
	/* Counted from 1 for people: the guest's first value is "1". */
	snprintf(p->part_text, sizeof(p->part_text), "host values part "
	    "from the --host-from log at %sicount %llu: the guest's host "
	    "value %llu is %s, %s; from here on: clock from the %s, "
	    "entropy from the %s", at, (unsigned long long)m->icount,
	    (unsigned long long)p->requests + 1,
	    request_name(kind, op, want, sizeof(want)), log,
	    p->c.clock_vm ? "virtual clock" : "host",
	    p->c.entropy_seeded ? "seeded generator" : "host");
	/* Nothing more is taken from it. */
	rr_reader_close(p->r);
	p->r = NULL;
	p->have_ev = 0;
}

/*
 * The known-good log's value for this request: 1 and *ev, 0 when the
 * values have parted (now or before), -1 on error.
 */
static int
from_take(struct pin *p, struct machine *m, uint64_t event, uint32_t kind,
    uint32_t op, const struct rr_event **ev)
{
	if (p->r == NULL)
		return 0;
	if (from_next(p, m) != 0)
		return -1;
	if (p->from_done || p->ev.kind != kind || (kind == RR_EV_SEMIHOST &&
	    p->ev.subkind != op)) {
		part(p, m, event, kind, op);
		return 0;
	}
	p->have_ev = 0;
	*ev = &p->ev;
	return 1;
}

/* ---- the values ---- */

/* ns since the epoch on the virtual clock (saturating). */
static uint64_t
vm_now(const struct pin *p, const struct machine *m)
{
	uint64_t t = machine_vtime_ns(m);

	return t > UINT64_MAX - p->c.clock_base ? UINT64_MAX :
	    p->c.clock_base + t;
}

int
pin_clock(struct pin *p, struct machine *m, uint64_t event, uint64_t *ns)
{
	const struct rr_event *ev;
	int rc;

	if (p == NULL)
		return 0;
	rc = from_take(p, m, event, RR_EV_CLOCK, 0, &ev);
	p->requests++;
	if (rc != 0) {
		if (rc > 0)
			*ns = ev->value;
		return rc;
	}
	if (!p->c.clock_vm)
		return 0;
	*ns = vm_now(p, m);
	return 1;
}

int
pin_entropy(struct pin *p, struct machine *m, uint64_t event,
    uint32_t *value)
{
	const struct rr_event *ev;
	uint64_t n;
	int rc;

	if (p == NULL)
		return 0;
	rc = from_take(p, m, event, RR_EV_ENTROPY, 0, &ev);
	p->requests++;
	n = p->entropy++;
	if (rc != 0) {
		if (rc > 0)
			*value = (uint32_t)ev->value;
		return rc;
	}
	if (!p->c.entropy_seeded)
		return 0;
	*value = pin_seeded(p->c.entropy_seed, n);
	return 1;
}

int
pin_semihost(struct pin *p, struct machine *m, uint64_t event, uint32_t op,
    int64_t *result)
{
	const struct rr_event *ev;
	int rc;

	if (p == NULL || (op != SH_CLOCK && op != SH_TIME &&
	    op != SH_ELAPSED))
		return 0;
	rc = from_take(p, m, event, RR_EV_SEMIHOST, op, &ev);
	p->requests++;
	if (rc != 0) {
		if (rc > 0)
			*result = ev->status;
		return rc;
	}
	if (!p->c.clock_vm)
		return 0;
	/* Since the machine booted, on the virtual clock. */
	if (op == SH_CLOCK)
		*result = (int64_t)(machine_vtime_ns(m) / (NS / 100));
	else if (op == SH_ELAPSED)
		*result = (int64_t)(machine_vtime_ns(m) & INT64_MAX);
	else
		*result = (int64_t)(vm_now(p, m) / NS);
	return 1;
}

int
pin_parted(const struct pin *p, char *buf, size_t len)
{
	if (p == NULL || !p->parted)
		return 0;
	snprintf(buf, len, "%s", p->part_text);
	return 1;
}

/* ---- snapshots ---- */

int
pin_snap_save(const struct pin *p, struct rr_snap *s)
{
	if (p == NULL)
		return 0;
	if (rr_snap_put_u64(s, "pin_requests", p->requests) != RR_OK ||
	    rr_snap_put_u64(s, "pin_entropy", p->entropy) != RR_OK)
		return -1;
	if (p->parted && rr_snap_put_u64(s, "pin_parted", 1) != RR_OK)
		return -1;
	return 0;
}
