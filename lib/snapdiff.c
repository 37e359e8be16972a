/* librr: compare two snapshots field by field (rr_snap_diff). */
#include <stdlib.h>
#include <string.h>

#include "rr.h"
#include "rrcheck.h"
#include "rrsnap.h"
#include "internal.h"

#define PAGES_CMP_MAX	(1ull << 30)	/* memory compared, per side */

struct sd {
	void		(*cb)(void *, const struct rr_snapdiff_item *);
	void		*arg;
	uint64_t	 n;
};

static void
report(struct sd *d, struct rr_snapdiff_item *it)
{
	d->n++;
	if (d->cb != NULL)
		d->cb(d->arg, it);
}

static void
meta_num(struct sd *d, const char *field, uint64_t a, uint64_t b)
{
	struct rr_snapdiff_item it;

	if (a == b)
		return;
	memset(&it, 0, sizeof(it));
	it.type = RR_SNAPDIFF_META;
	it.field = field;
	it.a = a;
	it.b = b;
	report(d, &it);
}

static void
meta_str(struct sd *d, const char *field, const char *a, const char *b)
{
	struct rr_snapdiff_item it;

	if (strcmp(a, b) == 0)
		return;
	memset(&it, 0, sizeof(it));
	it.type = RR_SNAPDIFF_META;
	it.field = field;
	report(d, &it);
}

static uint64_t
element(const struct rr_snap_field *f, uint64_t i)
{
	return f->type == RR_SNAP_U32S ? rr_le32(f->data + 4 * i) :
	    rr_le64(f->data + 8 * i);
}

/* Runs of differing pages, each with its first differing byte. */
static int
diff_pages(struct sd *d, const struct rr_snap *a, size_t sa,
    const struct rr_snap *b, size_t sb, const struct rr_snap_field *fa,
    struct rr_error *err)
{
	struct rr_snapdiff_item it;
	uint8_t *ma, *mb;
	uint64_t size = fa->count, p, np, k;
	int rc = RR_OK, open = 0;

	if (size > PAGES_CMP_MAX) {
		rr_seterr(err, RR_E_LIMIT, fa->offset, RR_NO_EVENT,
		    "%s.%s: %llu bytes of memory, over the %llu compared",
		    rr_snap_section_name(a, sa), fa->name,
		    (unsigned long long)size,
		    (unsigned long long)PAGES_CMP_MAX);
		return RR_FAILED;
	}
	ma = malloc(size > 0 ? (size_t)size : 1);
	mb = malloc(size > 0 ? (size_t)size : 1);
	if (ma == NULL || mb == NULL) {
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		rc = RR_FAILED;
		goto out;
	}
	if (rr_snap_get_pages(a, sa, fa->name, ma, (size_t)size, err) !=
	    RR_OK || rr_snap_get_pages(b, sb, fa->name, mb, (size_t)size,
	    err) != RR_OK) {
		rc = RR_FAILED;
		goto out;
	}
	memset(&it, 0, sizeof(it));
	it.type = RR_SNAPDIFF_PAGES;
	it.section = rr_snap_section_name(a, sa);
	it.field = fa->name;
	it.in_a = it.in_b = 1;
	np = size / RR_SNAP_PAGE;
	for (p = 0; p < np; p++) {
		if (memcmp(ma + p * RR_SNAP_PAGE, mb + p * RR_SNAP_PAGE,
		    RR_SNAP_PAGE) == 0) {
			if (open) {
				report(d, &it);
				open = 0;
			}
			continue;
		}
		if (open) {
			it.page_last = p;
			continue;
		}
		open = 1;
		it.page_first = it.page_last = p;
		for (k = p * RR_SNAP_PAGE; ma[k] == mb[k]; k++)
			;
		it.byte = k;
		it.a = ma[k];
		it.b = mb[k];
	}
	if (open)
		report(d, &it);
out:
	free(ma);
	free(mb);
	return rc;
}

static int
same_field(const struct rr_snap_field *a, const struct rr_snap_field *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type == RR_SNAP_U64 || a->type == RR_SNAP_I64)
		return a->u == b->u;
	return a->len == b->len && a->count == b->count &&
	    (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static int
find_field(const struct rr_snap *s, size_t sec, const char *name,
    struct rr_snap_field *f)
{
	size_t i, n = rr_snap_nfields(s, sec);

	for (i = 0; i < n; i++)
		if (rr_snap_field(s, sec, i, f) == RR_OK &&
		    strcmp(f->name, name) == 0)
			return 1;
	return 0;
}

static int
diff_section(struct sd *d, const struct rr_snap *a, size_t sa,
    const struct rr_snap *b, size_t sb, struct rr_error *err)
{
	struct rr_snapdiff_item it;
	struct rr_snap_field fa, fb;
	size_t i, n;
	uint64_t k;

	memset(&it, 0, sizeof(it));
	it.section = rr_snap_section_name(a, sa);
	n = rr_snap_nfields(a, sa);
	for (i = 0; i < n; i++) {
		if (rr_snap_field(a, sa, i, &fa) != RR_OK)
			continue;
		it.field = fa.name;
		it.fa = &fa;
		it.fb = NULL;
		it.in_a = 1;
		it.in_b = find_field(b, sb, fa.name, &fb);
		if (it.in_b)
			it.fb = &fb;
		if (!it.in_b || fa.type != fb.type ||
		    ((fa.type == RR_SNAP_U32S || fa.type == RR_SNAP_U64S ||
		    fa.type == RR_SNAP_PAGES) && fa.count != fb.count)) {
			it.type = RR_SNAPDIFF_FIELD;
			report(d, &it);
			continue;
		}
		if (fa.type == RR_SNAP_PAGES) {
			if (fa.len == fb.len && (fa.len == 0 ||
			    memcmp(fa.data, fb.data, fa.len) == 0))
				continue;
			if (diff_pages(d, a, sa, b, sb, &fa, err) != RR_OK)
				return RR_FAILED;
			continue;
		}
		if (same_field(&fa, &fb))
			continue;
		if (fa.type == RR_SNAP_U32S || fa.type == RR_SNAP_U64S) {
			it.type = RR_SNAPDIFF_ELEMENT;
			for (k = 0; k < fa.count; k++) {
				it.index = k;
				it.a = element(&fa, k);
				it.b = element(&fb, k);
				if (it.a != it.b)
					report(d, &it);
			}
			continue;
		}
		it.type = RR_SNAPDIFF_FIELD;
		it.a = fa.u;
		it.b = fb.u;
		report(d, &it);
	}
	/* Fields only b has. */
	n = rr_snap_nfields(b, sb);
	for (i = 0; i < n; i++) {
		if (rr_snap_field(b, sb, i, &fb) != RR_OK ||
		    find_field(a, sa, fb.name, &fa))
			continue;
		memset(&it, 0, sizeof(it));
		it.type = RR_SNAPDIFF_FIELD;
		it.section = rr_snap_section_name(b, sb);
		it.field = fb.name;
		it.in_b = 1;
		it.fb = &fb;
		report(d, &it);
	}
	return RR_OK;
}

int
rr_snap_diff(const struct rr_snap *a, const struct rr_snap *b,
    void (*cb)(void *, const struct rr_snapdiff_item *), void *arg,
    uint64_t *ndiff, struct rr_error *err)
{
	const struct rr_snap_meta *ma = rr_snap_meta(a), *mb = rr_snap_meta(b);
	struct rr_snapdiff_item it;
	struct sd d;
	size_t i, n;
	long j;

	d.cb = cb;
	d.arg = arg;
	d.n = 0;
	rr_clearerr(err);
	meta_str(&d, "machine", ma->hdr.machine, mb->hdr.machine);
	meta_str(&d, "isa", ma->hdr.isa, mb->hdr.isa);
	meta_str(&d, "devices", ma->hdr.devices, mb->hdr.devices);
	meta_num(&d, "ram_base", ma->hdr.ram_base, mb->hdr.ram_base);
	meta_num(&d, "ram_size", ma->hdr.ram_size, mb->hdr.ram_size);
	meta_num(&d, "clock_shift", ma->hdr.clock_shift, mb->hdr.clock_shift);
	meta_num(&d, "image_hash", ma->hdr.image_hash, mb->hdr.image_hash);
	meta_num(&d, "dtb_hash", ma->hdr.dtb_hash, mb->hdr.dtb_hash);
	meta_num(&d, "semihosting", ma->hdr.semihosting,
	    mb->hdr.semihosting);
	meta_num(&d, "icount", ma->icount, mb->icount);
	meta_num(&d, "state_hash", ma->state_hash, mb->state_hash);
	n = rr_snap_nsections(a);
	for (i = 0; i < n; i++) {
		j = rr_snap_find(b, rr_snap_section_name(a, i));
		if (j < 0) {
			memset(&it, 0, sizeof(it));
			it.type = RR_SNAPDIFF_SECTION;
			it.section = rr_snap_section_name(a, i);
			it.in_a = 1;
			report(&d, &it);
			continue;
		}
		if (diff_section(&d, a, i, b, (size_t)j, err) != RR_OK) {
			*ndiff = d.n;
			return RR_FAILED;
		}
	}
	n = rr_snap_nsections(b);
	for (i = 0; i < n; i++) {
		if (rr_snap_find(a, rr_snap_section_name(b, i)) >= 0)
			continue;
		memset(&it, 0, sizeof(it));
		it.type = RR_SNAPDIFF_SECTION;
		it.section = rr_snap_section_name(b, i);
		it.in_b = 1;
		report(&d, &it);
	}
	*ndiff = d.n;
	return RR_OK;
}
