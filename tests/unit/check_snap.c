/* Unit tests: the snapshot container (lib/snap.c, formats/rrsnap.md). */
#include <sys/resource.h>
#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "../../lib/rr.h"
#include "../../lib/rrjson.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

#define PG	RR_SNAP_PAGE

/* ASan reserves terabytes of address space: no RLIMIT_AS under it. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static const uint32_t regs[32] = {
	0, 1, 2, 0xffffffffu, 0x80000000u, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
};
static const uint64_t wide[3] = { 0, UINT64_MAX, 0x123456789abcdefull };

static void
meta_init(struct rr_snap_meta *m)
{
	memset(m, 0, sizeof(*m));
	rr_header_init(&m->hdr);
	snprintf(m->hdr.machine, sizeof(m->hdr.machine), "rr-virt32");
	snprintf(m->hdr.isa, sizeof(m->hdr.isa), "rv32imac");
	snprintf(m->hdr.devices, sizeof(m->hdr.devices), "uart,clint,rtc");
	memset(m->hdr.recording_id, 0xa5, 16);
	m->hdr.ram_base = 0x80000000u;
	m->hdr.ram_size = 4 * PG;
	m->hdr.clock_shift = 3;
	m->hdr.image_hash = 0x1122334455667788ull;
	m->hdr.created = -5;
	m->icount = 123456789;
	m->state_hash = 0xfeedfacecafebeefull;
}

/* A small snapshot with every field type, an empty section and RAM. */
static struct rr_snap *
build_small(void)
{
	struct rr_snap_meta m;
	struct rr_snap *s;
	static uint8_t ram[4 * PG];

	memset(ram, 0, sizeof(ram));
	memset(ram + 2 * PG, 0x5a, 100);
	ram[4 * PG - 1] = 1;
	meta_init(&m);
	ck_assert_int_eq(rr_snap_new(&s, &m), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "cpu"), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "pc", 0x80000004u), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "big", UINT64_MAX), RR_OK);
	ck_assert_int_eq(rr_snap_put_i64(s, "neg", INT64_MIN), RR_OK);
	ck_assert_int_eq(rr_snap_put_i64(s, "minus1", -1), RR_OK);
	ck_assert_int_eq(rr_snap_put_u32s(s, "x", regs, 32), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64s(s, "w", wide, 3), RR_OK);
	ck_assert_int_eq(rr_snap_put_string(s, "note", "h\xc3\xa9llo"),
	    RR_OK);
	ck_assert_int_eq(rr_snap_put_bytes(s, "blob", "\0\1\2\3", 4), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "empty"), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "ram"), RR_OK);
	ck_assert_int_eq(rr_snap_put_pages(s, "mem", ram, sizeof(ram)), RR_OK);
	ck_assert_int_eq(rr_snap_put_bytes(s, "nothing", "", 0), RR_OK);
	return s;
}

static uint8_t *
encode(struct rr_snap *s, size_t *len)
{
	uint8_t *p;

	ck_assert_int_eq(rr_snap_encode(s, &p, len), RR_OK);
	ck_assert_ptr_nonnull(p);
	return p;
}

static struct rr_snap *
decode_ok(const uint8_t *p, size_t len)
{
	struct rr_error err;
	struct rr_snap *s;
	int rc;

	rc = rr_snap_decode(&s, p, len, &err);
	ck_assert_msg(rc == RR_OK, "decode: %s at %llu", err.msg,
	    (unsigned long long)err.offset);
	return s;
}

/* Decode must fail; returns the error. */
static struct rr_error
decode_bad(const uint8_t *p, size_t len)
{
	struct rr_error err;
	struct rr_snap *s;

	ck_assert_int_eq(rr_snap_decode(&s, p, len, &err), RR_FATAL);
	ck_assert_ptr_null(s);
	ck_assert_int_ne(err.kind, RR_E_NONE);
	ck_assert_str_ne(err.msg, "");
	return err;
}

START_TEST(roundtrip_types)
{
	struct rr_snap *s, *d;
	struct rr_snap_field f;
	struct rr_error err;
	const struct rr_snap_meta *m;
	const uint8_t *bp;
	uint32_t r[32];
	uint64_t u, w[3];
	int64_t i;
	size_t len, n;
	uint8_t *img;
	char str[16];
	long sec;

	s = build_small();
	img = encode(s, &len);
	d = decode_ok(img, len);
	m = rr_snap_meta(d);
	ck_assert_uint_eq(m->icount, 123456789);
	ck_assert_uint_eq(m->state_hash, 0xfeedfacecafebeefull);
	ck_assert_str_eq(m->hdr.machine, "rr-virt32");
	ck_assert_str_eq(m->hdr.isa, "rv32imac");
	ck_assert_uint_eq(m->hdr.ram_base, 0x80000000u);
	ck_assert_uint_eq(m->hdr.clock_shift, 3);
	ck_assert_uint_eq(m->hdr.image_hash, 0x1122334455667788ull);
	ck_assert_int_eq(m->hdr.created, -5);
	ck_assert_uint_eq(m->hdr.recording_id[15], 0xa5);
	ck_assert_uint_eq(m->hdr.major, 1);
	ck_assert_uint_eq(m->hdr.minor, 0);

	ck_assert_uint_eq(rr_snap_nsections(d), 3);
	ck_assert_str_eq(rr_snap_section_name(d, 0), "cpu");
	ck_assert_ptr_null(rr_snap_section_name(d, 3));
	sec = rr_snap_find(d, "cpu");
	ck_assert_int_eq(sec, 0);
	ck_assert_uint_eq(rr_snap_nfields(d, 0), 8);
	ck_assert_int_eq(rr_snap_get_u64(d, 0, "pc", &u, &err), RR_OK);
	ck_assert_uint_eq(u, 0x80000004u);
	ck_assert_int_eq(rr_snap_get_u64(d, 0, "big", &u, &err), RR_OK);
	ck_assert_uint_eq(u, UINT64_MAX);
	ck_assert_int_eq(rr_snap_get_i64(d, 0, "neg", &i, &err), RR_OK);
	ck_assert_int_eq(i, INT64_MIN);
	ck_assert_int_eq(rr_snap_get_i64(d, 0, "minus1", &i, &err), RR_OK);
	ck_assert_int_eq(i, -1);
	ck_assert_int_eq(rr_snap_get_u32s(d, 0, "x", r, 32, &err), RR_OK);
	ck_assert_mem_eq(r, regs, sizeof(regs));
	ck_assert_int_eq(rr_snap_get_u64s(d, 0, "w", w, 3, &err), RR_OK);
	ck_assert_mem_eq(w, wide, sizeof(wide));
	ck_assert_int_eq(rr_snap_get_string(d, 0, "note", str, sizeof(str),
	    &err), RR_OK);
	ck_assert_str_eq(str, "h\xc3\xa9llo");
	ck_assert_int_eq(rr_snap_get_bytes(d, 0, "blob", &bp, &n, &err),
	    RR_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_mem_eq(bp, "\0\1\2\3", 4);
	ck_assert_int_eq(rr_snap_get_bytes(d, 2, "nothing", &bp, &n, &err),
	    RR_OK);
	ck_assert_uint_eq(n, 0);

	/* The generic walk sees the same, with offsets inside the image. */
	ck_assert_int_eq(rr_snap_field(d, 0, 4, &f), RR_OK);
	ck_assert_str_eq(f.name, "x");
	ck_assert_int_eq(f.type, RR_SNAP_U32S);
	ck_assert_uint_eq(f.count, 32);
	ck_assert_uint_eq(f.len, 128);
	ck_assert_uint_lt(f.offset, len);
	ck_assert_int_eq(rr_snap_field(d, 2, 0, &f), RR_OK);
	ck_assert_int_eq(f.type, RR_SNAP_PAGES);
	ck_assert_uint_eq(f.count, 4 * PG);
	ck_assert_uint_eq(f.npages, 2);
	ck_assert_int_eq(rr_snap_field(d, 2, 2, &f), RR_FAILED);
	ck_assert_str_eq(rr_snap_type_name(RR_SNAP_PAGES), "pages");
	ck_assert_ptr_null(rr_snap_type_name(99));
	ck_assert_uint_eq(rr_snap_skipped(d), 0);
	rr_snap_free(d);
	rr_snap_free(s);
	free(img);
}
END_TEST

START_TEST(empty_snapshots)
{
	struct rr_snap *s, *d;
	struct rr_snap_field f;
	struct rr_error err;
	uint8_t *img, mem[2 * PG];
	size_t len;

	/* No sections at all. */
	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	img = encode(s, &len);
	d = decode_ok(img, len);
	ck_assert_uint_eq(rr_snap_nsections(d), 0);
	ck_assert_int_eq(rr_snap_find(d, "cpu"), -1);
	ck_assert_uint_eq(rr_snap_nfields(d, 0), 0);
	rr_snap_free(d);
	rr_snap_free(s);
	free(img);

	/* Empty sections, empty values, zero memory. */
	memset(mem, 0, sizeof(mem));
	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "a"), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "b"), RR_OK);
	ck_assert_int_eq(rr_snap_put_u32s(s, "none", NULL, 0), RR_OK);
	ck_assert_int_eq(rr_snap_put_string(s, "s", ""), RR_OK);
	ck_assert_int_eq(rr_snap_put_pages(s, "zero", mem, sizeof(mem)),
	    RR_OK);
	ck_assert_int_eq(rr_snap_put_pages(s, "nomem", mem, 0), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "c"), RR_OK);
	img = encode(s, &len);
	d = decode_ok(img, len);
	ck_assert_uint_eq(rr_snap_nsections(d), 3);
	ck_assert_uint_eq(rr_snap_nfields(d, 0), 0);
	ck_assert_uint_eq(rr_snap_nfields(d, 1), 4);
	ck_assert_uint_eq(rr_snap_nfields(d, 2), 0);
	ck_assert_int_eq(rr_snap_field(d, 1, 2, &f), RR_OK);
	ck_assert_uint_eq(f.npages, 0);
	ck_assert_uint_eq(f.len, 0);
	memset(mem, 0xee, sizeof(mem));
	ck_assert_int_eq(rr_snap_get_pages(d, 1, "zero", mem, sizeof(mem),
	    &err), RR_OK);
	ck_assert_uint_eq(mem[0], 0);
	ck_assert_uint_eq(mem[sizeof(mem) - 1], 0);
	ck_assert_int_eq(rr_snap_get_pages(d, 1, "nomem", NULL, 0, &err),
	    RR_OK);
	ck_assert_int_eq(rr_snap_get_u32s(d, 1, "none", NULL, 0, &err),
	    RR_OK);
	rr_snap_free(d);
	rr_snap_free(s);
	free(img);
}
END_TEST

START_TEST(lookup_errors)
{
	struct rr_snap *s, *d;
	struct rr_error err;
	uint32_t r[32];
	uint64_t u;
	int64_t i;
	uint8_t *img, mem[4 * PG];
	size_t len;
	char str[4];

	s = build_small();
	img = encode(s, &len);
	d = decode_ok(img, len);
	ck_assert_int_eq(rr_snap_get_u64(d, 0, "nope", &u, &err), RR_FAILED);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "\"nope\""));
	ck_assert_ptr_nonnull(strstr(err.msg, "\"cpu\""));
	ck_assert_int_eq(rr_snap_get_i64(d, 0, "pc", &i, &err), RR_FAILED);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "type u64"));
	ck_assert_int_ne(err.offset, RR_NO_OFFSET);
	ck_assert_int_eq(rr_snap_get_u64(d, 0, "neg", &u, &err), RR_FAILED);
	ck_assert_int_eq(rr_snap_get_u32s(d, 0, "x", r, 31, &err), RR_FAILED);
	ck_assert_ptr_nonnull(strstr(err.msg, "32 elements"));
	ck_assert_int_eq(rr_snap_get_u64s(d, 0, "x", &u, 1, &err), RR_FAILED);
	ck_assert_int_eq(rr_snap_get_string(d, 0, "note", str, sizeof(str),
	    &err), RR_FAILED);
	ck_assert_int_eq(err.kind, RR_E_LIMIT);
	ck_assert_int_eq(rr_snap_get_string(d, 0, "blob", str, sizeof(str),
	    &err), RR_FAILED);
	ck_assert_int_eq(rr_snap_get_u64(d, 7, "pc", &u, &err), RR_FAILED);
	ck_assert_int_eq(err.kind, RR_E_INVAL);
	/* Memory of another size than declared. */
	ck_assert_int_eq(rr_snap_get_pages(d, 2, "mem", mem, 3 * PG, &err),
	    RR_FAILED);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_int_eq(rr_snap_get_pages(d, 0, "pc", mem, 4 * PG, &err),
	    RR_FAILED);
	rr_snap_free(d);
	rr_snap_free(s);
	free(img);
}
END_TEST

START_TEST(builder_errors)
{
	struct rr_snap_meta m;
	struct rr_snap *s;
	uint8_t mem[PG + 1];
	uint64_t *zeros;
	char longname[80];

	memset(mem, 0, sizeof(mem));
	memset(longname, 'n', sizeof(longname));
	longname[64] = '\0';
	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "orphan", 1), RR_FAILED);
	ck_assert_int_eq(rr_snap_error(s)->kind, RR_E_INVAL);
	ck_assert_int_eq(rr_snap_begin(s, ""), RR_FAILED);
	ck_assert_int_eq(rr_snap_begin(s, "a b"), RR_FAILED);
	ck_assert_int_eq(rr_snap_begin(s, longname), RR_FAILED);
	longname[63] = '\0';
	ck_assert_int_eq(rr_snap_begin(s, longname), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, longname), RR_FAILED);
	ck_assert_int_eq(rr_snap_put_u64(s, "v", 1), RR_OK);
	ck_assert_int_eq(rr_snap_put_u64(s, "v", 2), RR_FAILED);
	ck_assert_ptr_nonnull(strstr(rr_snap_error(s)->msg, "already"));
	ck_assert_int_eq(rr_snap_put_string(s, "bad", "\xff"), RR_FAILED);
	ck_assert_int_eq(rr_snap_put_pages(s, "odd", mem, PG + 1), RR_FAILED);
	/* Over 4 GiB of memory (a map says every page is zero: not read). */
	zeros = calloc(((((size_t)1 << 32) + PG) / PG + 63) / 64, 8);
	ck_assert_ptr_nonnull(zeros);
	ck_assert_int_eq(rr_snap_put_pages_map(s, "huge", mem,
	    ((size_t)1 << 32) + PG, zeros), RR_FAILED);
	ck_assert_int_eq(rr_snap_error(s)->kind, RR_E_LIMIT);
	free(zeros);
	ck_assert_uint_eq(rr_snap_nfields(s, 0), 1);
	rr_snap_free(s);
	rr_snap_free(NULL);

	meta_init(&m);
	m.hdr.clock_shift = 40;
	ck_assert_int_eq(rr_snap_new(&s, &m), RR_FAILED);
	ck_assert_ptr_null(s);
}
END_TEST

/* Memory patterns for the PAGES round trip: which pages are non-zero. */
static int
pattern_page(int pat, size_t i, size_t n)
{
	switch (pat) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return i % 2 == 0;
	case 3:
		return i == 0 || i == n - 1;
	default:
		return (i * 2654435761u >> 7) % 3 == 0;
	}
}

START_TEST(pages_patterns)
{
	struct rr_snap *s, *d;
	struct rr_snap_field f;
	struct rr_error err;
	uint8_t *mem, *back, *img;
	size_t i, j, n = 64, len, nz = 0;

	mem = calloc(n, PG);
	back = malloc(n * PG);
	for (i = 0; i < n; i++)
		if (pattern_page(_i, i, n)) {
			nz++;
			/* Varied content; one page with a single byte set. */
			for (j = 0; j < PG; j += 1 + i % 7)
				mem[i * PG + j] = (uint8_t)(i * 31 + j);
			mem[i * PG + PG - 1] |= 1;
		}
	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "ram"), RR_OK);
	ck_assert_int_eq(rr_snap_put_pages(s, "mem", mem, n * PG), RR_OK);
	img = encode(s, &len);
	d = decode_ok(img, len);
	ck_assert_int_eq(rr_snap_field(d, 0, 0, &f), RR_OK);
	ck_assert_uint_eq(f.npages, nz);
	memset(back, 0x77, n * PG);
	ck_assert_msg(rr_snap_get_pages(d, 0, "mem", back, n * PG, &err) ==
	    RR_OK, "get_pages: %s", err.msg);
	ck_assert(memcmp(mem, back, n * PG) == 0);
	rr_snap_free(d);
	rr_snap_free(s);
	free(img);
	free(mem);
	free(back);
}
END_TEST

START_TEST(pages_mostly_zero)
{
	struct rr_snap *s, *d;
	struct rr_error err;
	size_t size = 16u << 20, len, i;
	uint8_t *mem, *back, *img;

	mem = calloc(1, size);
	back = malloc(size);
	/* A loaded program and a stack: a few pages of real data. */
	for (i = 0; i < 5 * PG; i++)
		mem[i] = (uint8_t)(i * 7 + (i >> 9));
	memset(mem + size - 2 * PG, 0x42, 2 * PG);
	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "ram"), RR_OK);
	ck_assert_int_eq(rr_snap_put_pages(s, "mem", mem, size), RR_OK);
	img = encode(s, &len);
	/* 16 MiB of memory, 7 pages used: well under 1% of raw. */
	ck_assert_uint_lt(len, size / 100);
	ck_assert_uint_lt(len, 7 * PG + 512);
	d = decode_ok(img, len);
	ck_assert_int_eq(rr_snap_get_pages(d, 0, "mem", back, size, &err),
	    RR_OK);
	ck_assert(memcmp(mem, back, size) == 0);
	rr_snap_free(d);
	rr_snap_free(s);
	free(img);
	free(mem);
	free(back);
}
END_TEST

/* put_pages_map / get_pages_map: the page maps of emu/snapshot.c. */
START_TEST(pages_maps)
{
	static uint8_t mem[8 * PG], back[8 * PG];
	struct rr_snap *s[3], *d;
	struct rr_error err;
	uint64_t maybe, stored;
	uint8_t *img[3];
	size_t len[3];
	int k;

	memset(mem, 0, sizeof(mem));
	memset(mem + 1 * PG, 0x11, 10);
	memset(mem + 5 * PG + 100, 0x55, 10);
	for (k = 0; k < 3; k++) {
		ck_assert_int_eq(rr_snap_new(&s[k], NULL), RR_OK);
		ck_assert_int_eq(rr_snap_begin(s[k], "ram"), RR_OK);
	}
	ck_assert_int_eq(rr_snap_put_pages(s[0], "mem", mem, sizeof(mem)),
	    RR_OK);
	/* Pages 1, 2 and 5 may hold data (2 does not): same bytes. */
	maybe = 1u << 1 | 1u << 2 | 1u << 5;
	ck_assert_int_eq(rr_snap_put_pages_map(s[1], "mem", mem, sizeof(mem),
	    &maybe), RR_OK);
	/* A map without page 5: page 5 is taken as zero, not read. */
	maybe = 1u << 1;
	ck_assert_int_eq(rr_snap_put_pages_map(s[2], "mem", mem, sizeof(mem),
	    &maybe), RR_OK);
	for (k = 0; k < 3; k++)
		img[k] = encode(s[k], &len[k]);
	ck_assert_uint_eq(len[0], len[1]);
	ck_assert(memcmp(img[0], img[1], len[0]) == 0);
	ck_assert_uint_lt(len[2], len[0]);

	d = decode_ok(img[0], len[0]);
	memset(back, 0xee, sizeof(back));
	stored = ~(uint64_t)0;
	ck_assert_int_eq(rr_snap_get_pages_map(d, 0, "mem", back, sizeof(back),
	    &stored, &err), RR_OK);
	ck_assert_uint_eq(stored, 1u << 1 | 1u << 5);
	ck_assert(memcmp(back + 1 * PG, mem + 1 * PG, PG) == 0);
	ck_assert(memcmp(back + 5 * PG, mem + 5 * PG, PG) == 0);
	ck_assert_uint_eq(back[0], 0xee);	/* not stored: untouched */
	ck_assert_uint_eq(back[7 * PG], 0xee);
	rr_snap_free(d);
	d = decode_ok(img[2], len[2]);
	ck_assert_int_eq(rr_snap_get_pages(d, 0, "mem", back, sizeof(back),
	    &err), RR_OK);
	ck_assert_uint_eq(back[5 * PG + 100], 0);
	ck_assert_uint_eq(back[1 * PG], 0x11);
	rr_snap_free(d);
	for (k = 0; k < 3; k++) {
		rr_snap_free(s[k]);
		free(img[k]);
	}
}
END_TEST

START_TEST(reencode_identical)
{
	struct rr_snap *s, *d, *c;
	struct rr_snap_field f;
	uint8_t *a, *b, *e;
	size_t alen, blen, elen, i, k;

	s = build_small();
	a = encode(s, &alen);
	/* Same content, same bytes, every time. */
	b = encode(s, &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert(memcmp(a, b, alen) == 0);
	free(b);
	/* Built again from the same state (memory compressed afresh). */
	c = build_small();
	b = encode(c, &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert(memcmp(a, b, alen) == 0);
	free(b);
	rr_snap_free(c);
	d = decode_ok(a, alen);
	b = encode(d, &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert(memcmp(a, b, alen) == 0);

	/* A field-by-field copy through put_field: same bytes again. */
	ck_assert_int_eq(rr_snap_new(&c, rr_snap_meta(d)), RR_OK);
	for (i = 0; i < rr_snap_nsections(d); i++) {
		ck_assert_int_eq(rr_snap_begin(c, rr_snap_section_name(d, i)),
		    RR_OK);
		for (k = 0; k < rr_snap_nfields(d, i); k++) {
			ck_assert_int_eq(rr_snap_field(d, i, k, &f), RR_OK);
			ck_assert_int_eq(rr_snap_put_field(c, &f), RR_OK);
		}
	}
	e = encode(c, &elen);
	ck_assert_uint_eq(alen, elen);
	ck_assert(memcmp(a, e, alen) == 0);
	rr_snap_free(c);
	rr_snap_free(d);
	rr_snap_free(s);
	free(a);
	free(b);
	free(e);
}
END_TEST

START_TEST(sections_any_order)
{
	static const char *const order[2][3] = {
		{ "cpu", "uart", "clint" }, { "clint", "cpu", "uart" }
	};
	struct rr_snap *s, *d[2];
	struct rr_error err;
	uint8_t *img;
	uint64_t u;
	size_t len, k;
	int o;
	long sec;

	for (o = 0; o < 2; o++) {
		ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
		for (k = 0; k < 3; k++) {
			ck_assert_int_eq(rr_snap_begin(s, order[o][k]), RR_OK);
			/* Fields in different orders too. */
			if (o == 0) {
				rr_snap_put_u64(s, "a", strlen(order[o][k]));
				rr_snap_put_u64(s, "b", order[o][k][0]);
			} else {
				rr_snap_put_u64(s, "b", order[o][k][0]);
				rr_snap_put_u64(s, "a", strlen(order[o][k]));
			}
		}
		img = encode(s, &len);
		d[o] = decode_ok(img, len);
		free(img);
		rr_snap_free(s);
	}
	for (k = 0; k < 3; k++)
		for (o = 0; o < 2; o++) {
			sec = rr_snap_find(d[o], order[0][k]);
			ck_assert_int_ge(sec, 0);
			ck_assert_int_eq(rr_snap_get_u64(d[o], (size_t)sec, "a",
			    &u, &err), RR_OK);
			ck_assert_uint_eq(u, strlen(order[0][k]));
			ck_assert_int_eq(rr_snap_get_u64(d[o], (size_t)sec, "b",
			    &u, &err), RR_OK);
			ck_assert_uint_eq(u, (uint64_t)order[0][k][0]);
		}
	ck_assert_str_eq(rr_snap_section_name(d[1], 0), "clint");
	rr_snap_free(d[0]);
	rr_snap_free(d[1]);
}
END_TEST

START_TEST(truncation_every_offset)
{
	struct rr_snap *s;
	struct rr_error err;
	uint8_t *img, *cut;
	size_t len, k;

	s = build_small();
	img = encode(s, &len);
	for (k = 0; k < len; k++) {
		/* A fresh copy of exactly k bytes, so ASan sees overreads. */
		cut = malloc(k > 0 ? k : 1);
		memcpy(cut, img, k);
		err = decode_bad(cut, k);
		ck_assert_msg(err.kind == RR_E_TRUNCATED,
		    "cut at %zu: kind %d: %s", k, err.kind, err.msg);
		ck_assert_uint_ne(err.offset, RR_NO_OFFSET);
		ck_assert_uint_le(err.offset, k);
		free(cut);
	}
	rr_snap_free(s);
	free(img);
}
END_TEST

/* Accepted snapshots must decode to the original content. */
static void
same_content(struct rr_snap *d, const uint8_t *ref, size_t reflen)
{
	struct rr_error err;
	uint8_t *img, mem[4 * PG];
	size_t len;

	img = encode(d, &len);
	ck_assert_uint_eq(len, reflen);
	ck_assert(memcmp(img, ref, len) == 0);
	free(img);
	ck_assert_int_eq(rr_snap_get_pages(d, 2, "mem", mem, sizeof(mem),
	    &err), RR_OK);
}

START_TEST(corruption_every_byte)
{
	static const uint8_t masks[] = { 0x01, 0x80, 0xff, 0x10 };
	struct rr_snap *s, *d;
	struct rr_error err;
	uint8_t *img, *bad;
	size_t len, k, m, detected = 0, accepted = 0;

	s = build_small();
	img = encode(s, &len);
	bad = malloc(len);
	for (k = 0; k < len; k++)
		for (m = 0; m < sizeof(masks); m++) {
			memcpy(bad, img, len);
			bad[k] ^= masks[m];
			if (rr_snap_decode(&d, bad, len, &err) == RR_OK) {
				same_content(d, img, len);
				rr_snap_free(d);
				accepted++;
				continue;
			}
			ck_assert_int_ne(err.kind, RR_E_NONE);
			/* Same length: nothing is missing, so not truncated
			 * unless a length field grew past the end. */
			ck_assert_str_ne(err.msg, "");
			detected++;
		}
	/* Every byte is covered by a checksum or checked as a constant. */
	ck_assert_uint_eq(accepted, 0);
	ck_assert_uint_eq(detected, len * sizeof(masks));
	free(bad);
	rr_snap_free(s);
	free(img);
}
END_TEST

/* ---- a second, independent writer for hand-made (hostile) files ---- */

struct mk {
	uint8_t		 b[4096];
	size_t		 n;
};

static void
mk_bytes(struct mk *m, const void *p, size_t n)
{
	ck_assert_uint_le(m->n + n, sizeof(m->b));
	if (n > 0)
		memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void
mk_u8(struct mk *m, uint8_t v)
{
	mk_bytes(m, &v, 1);
}

static void
mk_var(struct mk *m, uint64_t v)
{
	uint8_t t[10];

	mk_bytes(m, t, rr_varint_put(t, v));
}

static void
mk_le(struct mk *m, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		mk_u8(m, (uint8_t)(v >> (8 * i)));
}

/* File header: version, no TLVs (all defaults), given icount. */
/* The trailer's CRC chains the stored CRCs (formats/rrsnap.md). */
static uint32_t mk_chain;

static void
mk_header(struct mk *m, unsigned major, unsigned minor, const void *tlv,
    size_t tlvlen)
{
	m->n = 0;
	mk_bytes(m, "\x89RRS\r\n\x1a\n", 8);
	mk_le(m, major, 2);
	mk_le(m, minor, 2);
	mk_le(m, 16 + tlvlen, 4);
	mk_le(m, 42, 8);		/* icount */
	mk_le(m, 0xabcdef, 8);		/* state hash */
	mk_bytes(m, tlv, tlvlen);
	mk_le(m, rr_crc32c(0, m->b, m->n), 4);
	mk_chain = rr_crc32c(0, m->b + m->n - 4, 4);
}

/* A section from a ready body; count is written as given. */
static void
mk_section(struct mk *m, const char *name, uint64_t count, const void *body,
    size_t blen)
{
	size_t start = m->n;

	mk_u8(m, (uint8_t)strlen(name));
	mk_bytes(m, name, strlen(name));
	mk_var(m, count);
	mk_var(m, blen);
	mk_bytes(m, body, blen);
	mk_le(m, rr_crc32c(0, m->b + start, m->n - start), 4);
	mk_chain = rr_crc32c(mk_chain, m->b + m->n - 4, 4);
}

static void
mk_trailer(struct mk *m, uint64_t nsec)
{
	size_t start = m->n;

	mk_u8(m, 0);
	mk_var(m, nsec);
	mk_le(m, rr_crc32c(mk_chain, m->b + start, m->n - start), 4);
	mk_bytes(m, "RRS-END\n", 8);
}

/* A field: type, name, then the value bytes with their length. */
static void
mk_field(struct mk *m, int type, const char *name, const void *v, size_t n)
{
	mk_u8(m, (uint8_t)type);
	mk_u8(m, (uint8_t)strlen(name));
	mk_bytes(m, name, strlen(name));
	mk_var(m, n);
	mk_bytes(m, v, n);
}

START_TEST(handmade_valid)
{
	struct mk f, body;
	struct rr_snap *d;
	struct rr_error err;
	uint64_t u;

	/* The independent writer and the library agree. */
	body.n = 0;
	mk_field(&body, RR_SNAP_U64, "pc", "\x84\x80\x80\x80\x08", 5);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 1, body.b, body.n);
	mk_trailer(&f, 1);
	d = decode_ok(f.b, f.n);
	ck_assert_uint_eq(rr_snap_meta(d)->icount, 42);
	ck_assert_int_eq(rr_snap_get_u64(d, 0, "pc", &u, &err), RR_OK);
	ck_assert_uint_eq(u, 0x80000004u);
	rr_snap_free(d);
}
END_TEST

/* formats/rrsnap.md, "Worked example", byte for byte. */
static const uint8_t spec_example[79] = {
	0x89, 0x52, 0x52, 0x53, 0x0d, 0x0a, 0x1a, 0x0a, 0x01, 0x00, 0x00, 0x00,
	0x14, 0x00, 0x00, 0x00, 0xe8, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, 0x07, 0x02, 0x80, 0x20,
	0x8f, 0x0b, 0x37, 0xc8, 0x03, 0x63, 0x70, 0x75, 0x02, 0x0f, 0x01, 0x02,
	0x70, 0x63, 0x05, 0x84, 0x80, 0x80, 0x80, 0x08, 0x02, 0x01, 0x74, 0x01,
	0x03, 0xcc, 0xe7, 0xa8, 0xa9, 0x00, 0x01, 0x9b, 0x46, 0x6f, 0xeb, 0x52,
	0x52, 0x53, 0x2d, 0x45, 0x4e, 0x44, 0x0a
};

START_TEST(spec_worked_example)
{
	struct rr_snap *d;
	struct rr_error err;
	const struct rr_snap_meta *m;
	uint64_t u;
	int64_t i;

	d = decode_ok(spec_example, sizeof(spec_example));
	m = rr_snap_meta(d);
	ck_assert_uint_eq(m->icount, 1000);
	ck_assert_uint_eq(m->state_hash, 0x0123456789abcdefull);
	ck_assert_uint_eq(m->hdr.ram_size, 4096);
	ck_assert_uint_eq(m->hdr.block_size, RR_BLOCK_DEFAULT);
	ck_assert_uint_eq(rr_snap_nsections(d), 1);
	ck_assert_int_eq(rr_snap_get_u64(d, 0, "pc", &u, &err), RR_OK);
	ck_assert_uint_eq(u, 0x80000004u);
	ck_assert_int_eq(rr_snap_get_i64(d, 0, "t", &i, &err), RR_OK);
	ck_assert_int_eq(i, -2);
	rr_snap_free(d);
}
END_TEST

/*
 * Regression (found by fuzz_snap): a header without block_size decoded
 * with block_size 0, which re-encoded into a snapshot no reader accepts.
 * Absent fields take their defaults.
 */
START_TEST(regress_missing_block_size)
{
	struct rr_snap *d, *e;
	uint8_t *img;
	size_t len;

	d = decode_ok(spec_example, sizeof(spec_example));
	ck_assert_uint_eq(rr_snap_meta(d)->hdr.block_size, RR_BLOCK_DEFAULT);
	img = encode(d, &len);
	e = decode_ok(img, len);
	ck_assert_uint_eq(rr_snap_meta(e)->hdr.ram_size, 4096);
	rr_snap_free(e);
	rr_snap_free(d);
	free(img);
}
END_TEST

START_TEST(hostile_lengths)
{
	struct mk f, body;
	struct rr_error err;
	struct rlimit rl;
	uint8_t pages[16];
	size_t n;

#ifndef UNDER_ASAN
	/*
	 * Fork mode: this limit holds for this test only.  A decoder that
	 * believed any length below would need far more.
	 */
	rl.rlim_cur = rl.rlim_max = 512u << 20;
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &rl), 0);
#else
	(void)rl;
#endif

	/* A 20-byte file claiming a 4 GiB header. */
	mk_header(&f, 1, 0, NULL, 0);
	f.b[12] = f.b[13] = f.b[14] = f.b[15] = 0xff;
	err = decode_bad(f.b, 20);
	ck_assert_int_eq(err.kind, RR_E_LIMIT);
	ck_assert_uint_eq(err.offset, 12);

	/* A section length of 2^40. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_u8(&f, 3);
	mk_bytes(&f, "cpu", 3);
	mk_var(&f, 1);
	mk_var(&f, (uint64_t)1 << 40);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_LIMIT);
	ck_assert_ptr_nonnull(strstr(err.msg, "\"cpu\""));

	/* A plausible section length past the end: truncated. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_u8(&f, 3);
	mk_bytes(&f, "cpu", 3);
	mk_var(&f, 1);
	mk_var(&f, 1u << 30);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_TRUNCATED);

	/* A field count of a billion. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 1000000000, "", 0);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_LIMIT);

	/* 1000 fields claimed in an 8-byte body. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 1000, "\1\1a\1\0\1\1b", 8);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);

	/* PAGES: 4 GiB of memory claiming 2^40 non-zero pages. */
	body.n = 0;
	n = rr_varint_put(pages, (uint64_t)1 << 32);
	n += rr_varint_put(pages + n, (uint64_t)1 << 40);
	mk_field(&body, RR_SNAP_PAGES, "mem", pages, n);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "ram", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_LIMIT);
	ck_assert_ptr_nonnull(strstr(err.msg, "\"mem\""));

	/* PAGES: a memory of 1 TiB. */
	body.n = 0;
	n = rr_varint_put(pages, (uint64_t)1 << 40);
	n += rr_varint_put(pages + n, 0);
	mk_field(&body, RR_SNAP_PAGES, "mem", pages, n);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "ram", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_LIMIT);

	/* PAGES: 4 GiB with pages claimed but no zstd frame behind them. */
	body.n = 0;
	n = rr_varint_put(pages, (uint64_t)1 << 32);
	n += rr_varint_put(pages + n, 1u << 20);
	mk_field(&body, RR_SNAP_PAGES, "mem", pages, n);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "ram", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);

	/* An 11-byte varint as a field count. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_u8(&f, 3);
	mk_bytes(&f, "cpu", 3);
	mk_bytes(&f, "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", 11);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);

	/* A non-minimal varint (0 in two bytes) as a U64 value. */
	body.n = 0;
	mk_field(&body, RR_SNAP_U64, "pc", "\x80\x00", 2);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "minimal"));

	/* A value length running past its section. */
	body.n = 0;
	mk_field(&body, RR_SNAP_BYTES, "b", "xy", 2);
	body.b[3] = 100;
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "dev", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
}
END_TEST

/*
 * A PAGES field of a 4-page memory holding the given records (index,
 * fill byte; fill 0 stores a zero page), declaring npages of them.
 */
static void
mk_pages(struct mk *f, const uint32_t *idx, const int *fill, size_t nrec,
    uint64_t npages)
{
	static uint8_t raw[4 * (4 + PG)], val[4 * (4 + PG)];
	struct mk body;
	size_t i, n, c;

	for (i = 0; i < nrec; i++) {
		raw[i * (4 + PG)] = (uint8_t)idx[i];
		raw[i * (4 + PG) + 1] = (uint8_t)(idx[i] >> 8);
		raw[i * (4 + PG) + 2] = raw[i * (4 + PG) + 3] = 0;
		memset(raw + i * (4 + PG) + 4, fill[i], PG);
	}
	n = rr_varint_put(val, 4 * PG);
	n += rr_varint_put(val + n, npages);
	c = ZSTD_compress(val + n, sizeof(val) - n, raw, nrec * (4 + PG), 3);
	ck_assert(!ZSTD_isError(c));
	body.n = 0;
	mk_field(&body, RR_SNAP_PAGES, "mem", val, n + c);
	ck_assert_uint_lt(body.n, 3000);
	mk_header(f, 1, 0, NULL, 0);
	mk_section(f, "ram", 1, body.b, body.n);
	mk_trailer(f, 1);
}

/* get_pages on a decodable but wrong stream: fails, names the problem. */
static void
pages_refused(const struct mk *f, const char *why)
{
	static uint8_t mem[4 * PG];
	struct rr_snap *d;
	struct rr_error err;

	d = decode_ok(f->b, f->n);
	ck_assert_int_eq(rr_snap_get_pages(d, 0, "mem", mem, sizeof(mem),
	    &err), RR_FAILED);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_msg(strstr(err.msg, why) != NULL, "%s", err.msg);
	rr_snap_free(d);
}

START_TEST(pages_bad_streams)
{
	static const uint32_t ok_idx[] = { 1, 3 }, dup[] = { 1, 1 },
	    back[] = { 2, 0 }, beyond[] = { 4 };
	static const int ones[] = { 1, 2 }, zero[] = { 1, 0 };
	static uint8_t mem[4 * PG];
	struct rr_snap *d;
	struct rr_error err;
	struct mk f;

	/* The well-formed one first, so the helper is known to be right. */
	mk_pages(&f, ok_idx, ones, 2, 2);
	d = decode_ok(f.b, f.n);
	ck_assert_int_eq(rr_snap_get_pages(d, 0, "mem", mem, sizeof(mem),
	    &err), RR_OK);
	ck_assert_uint_eq(mem[0], 0);
	ck_assert_uint_eq(mem[PG], 1);
	ck_assert_uint_eq(mem[3 * PG + PG - 1], 2);
	rr_snap_free(d);

	mk_pages(&f, dup, ones, 2, 2);
	pages_refused(&f, "not increasing");
	mk_pages(&f, back, ones, 2, 2);
	pages_refused(&f, "not increasing");
	mk_pages(&f, beyond, ones, 1, 1);
	pages_refused(&f, "beyond");
	mk_pages(&f, ok_idx, zero, 2, 2);
	pages_refused(&f, "zero page");

	/*
	 * The frame's content size disagrees with the count: caught by
	 * decode, from the frame header alone.
	 */
	mk_pages(&f, ok_idx, ones, 2, 1);
	ck_assert_int_eq(decode_bad(f.b, f.n).kind, RR_E_CORRUPT);
}
END_TEST

START_TEST(structure_errors)
{
	struct mk f, body;
	struct rr_error err;

	/* Duplicate section names. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 0, "", 0);
	mk_section(&f, "cpu", 0, "", 0);
	mk_trailer(&f, 2);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "twice"));

	/* Duplicate field names. */
	body.n = 0;
	mk_field(&body, RR_SNAP_U64, "pc", "\1", 1);
	mk_field(&body, RR_SNAP_U64, "pc", "\2", 1);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 2, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);

	/* Trailer count disagrees. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 0, "", 0);
	mk_trailer(&f, 2);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);

	/* Bytes after the end magic. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_trailer(&f, 0);
	mk_u8(&f, '\n');
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_uint_eq(err.offset, f.n - 1);

	/* A string with a NUL, a name with a space. */
	body.n = 0;
	mk_field(&body, RR_SNAP_STRING, "s", "a\0b", 3);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "dev", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	body.n = 0;
	mk_field(&body, RR_SNAP_U64, "p c", "\1", 1);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "dev", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);

	/* U32S of 6 bytes. */
	body.n = 0;
	mk_field(&body, RR_SNAP_U32S, "x", "123456", 6);
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "dev", 1, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);

	/* Not a snapshot; a magic damaged by text-mode conversion. */
	err = decode_bad((const uint8_t *)"hello, world\n", 13);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_uint_eq(err.offset, 0);
	mk_header(&f, 1, 0, NULL, 0);
	mk_trailer(&f, 0);
	memmove(f.b + 4, f.b + 5, f.n - 5);	/* \r\n -> \n */
	err = decode_bad(f.b, f.n - 1);
	ck_assert_ptr_nonnull(strstr(err.msg, "text"));
}
END_TEST

START_TEST(versions)
{
	struct mk f, body;
	struct rr_snap *d;
	struct rr_error err;
	uint64_t u;

	/*
	 * A newer minor: unknown field type 0x42 skipped, the rest kept;
	 * an unknown header field counted.
	 */
	body.n = 0;
	mk_field(&body, 0x42, "future", "\1\2\3", 3);
	mk_field(&body, RR_SNAP_U64, "pc", "\7", 1);
	mk_header(&f, 1, 1, "\x63\x01\x00", 3);
	mk_section(&f, "cpu", 2, body.b, body.n);
	mk_section(&f, "newdev", 0, "", 0);
	mk_trailer(&f, 2);
	d = decode_ok(f.b, f.n);
	ck_assert_uint_eq(rr_snap_skipped(d), 1);
	ck_assert_uint_eq(rr_snap_nfields(d, 0), 1);
	ck_assert_int_eq(rr_snap_get_u64(d, 0, "pc", &u, &err), RR_OK);
	ck_assert_uint_eq(u, 7);
	ck_assert_uint_eq(rr_snap_meta(d)->hdr.minor, 1);
	ck_assert_uint_eq(rr_snap_meta(d)->hdr.unknown_fields, 1);
	ck_assert_int_eq(rr_snap_find(d, "newdev"), 1);
	rr_snap_free(d);

	/* The same at 1.0: an unknown type is damage. */
	mk_header(&f, 1, 0, NULL, 0);
	mk_section(&f, "cpu", 2, body.b, body.n);
	mk_trailer(&f, 1);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown type"));

	/* A newer major: refused before anything else is read. */
	mk_header(&f, 2, 0, NULL, 0);
	mk_trailer(&f, 0);
	err = decode_bad(f.b, f.n);
	ck_assert_int_eq(err.kind, RR_E_UNSUPPORTED);
	ck_assert_uint_eq(err.offset, 8);
	ck_assert_ptr_nonnull(strstr(err.msg, "2.0"));
}
END_TEST

START_TEST(write_and_read)
{
	struct rr_snap *s, *d;
	struct rr_error err;
	struct dirent *de;
	char path[512], dir[400];
	uint8_t *img, *file;
	size_t len, flen;
	DIR *dp;
	int n = 0, fd;

	snprintf(dir, sizeof(dir), "%s/snapw", unit_tmpdir());
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/a.snap", dir);
	s = build_small();
	img = encode(s, &len);
	ck_assert_int_eq(rr_snap_write(s, path, NULL, 0, &err), RR_OK);
	file = unit_slurp(path, &flen);
	ck_assert_ptr_nonnull(file);
	ck_assert_uint_eq(flen, len);
	ck_assert(memcmp(file, img, len) == 0);
	/* Overwrite in place: still one file, no temporary left behind. */
	ck_assert_int_eq(rr_snap_write(s, path, NULL, 0, &err), RR_OK);
	dp = opendir(dir);
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(rr_snap_read(&d, path, &err), RR_OK);
	ck_assert_uint_eq(rr_snap_nsections(d), 3);
	rr_snap_free(d);

	/* "-": stdout and stdin (this test runs in its own process). */
	snprintf(path, sizeof(path), "%s/stdout.snap", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	close(fd);
	ck_assert_int_eq(rr_snap_write(s, "-", NULL, 0, &err), RR_OK);
	free(file);
	file = unit_slurp(path, &flen);
	ck_assert_uint_eq(flen, len);
	ck_assert(memcmp(file, img, len) == 0);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	ck_assert_int_eq(rr_snap_read(&d, "-", &err), RR_OK);
	ck_assert_uint_eq(rr_snap_meta(d)->icount, 123456789);
	rr_snap_free(d);

	snprintf(path, sizeof(path), "%s/no/such/dir.snap", dir);
	ck_assert_int_eq(rr_snap_write(s, path, NULL, 0, &err), RR_FATAL);
	ck_assert_int_eq(err.kind, RR_E_IO);
	ck_assert_int_ne(err.sys_errno, 0);
	ck_assert_int_eq(rr_snap_read(&d, path, &err), RR_FATAL);
	ck_assert_int_eq(err.kind, RR_E_IO);
	ck_assert_ptr_null(d);
	rr_snap_free(s);
	free(img);
	free(file);
}
END_TEST

START_TEST(json_view)
{
	struct rr_snap *s, *d;
	json_t *j, *h, *sec, *fl, *v;
	uint8_t *img;
	size_t len;

	s = build_small();
	img = encode(s, &len);
	d = decode_ok(img, len);
	j = rr_snap_json(d);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "type")),
	    "snapshot");
	h = json_object_get(j, "header");
	ck_assert_str_eq(json_string_value(json_object_get(h, "state_hash")),
	    "0xfeedfacecafebeef");
	ck_assert_int_eq(json_integer_value(json_object_get(h, "icount")),
	    123456789);
	ck_assert_str_eq(json_string_value(json_object_get(h, "machine")),
	    "rr-virt32");
	sec = json_object_get(j, "sections");
	ck_assert_uint_eq(json_array_size(sec), 3);
	fl = json_object_get(json_array_get(sec, 0), "fields");
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(fl, 0), "name")), "pc");
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_array_get(fl, 0), "value")), 0x80000004);
	/* Above INT64_MAX: a hex string, not a wrapped number. */
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(fl, 1), "value")), "0xffffffffffffffff");
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_array_get(fl, 2), "value")), INT64_MIN);
	ck_assert_uint_eq(json_array_size(json_object_get(
	    json_array_get(fl, 4), "value")), 32);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(fl, 7), "value")), "00010203");
	fl = json_object_get(json_array_get(sec, 2), "fields");
	v = json_object_get(json_array_get(fl, 0), "value");
	ck_assert_int_eq(json_integer_value(json_object_get(v, "size")),
	    4 * PG);
	ck_assert_int_eq(json_integer_value(json_object_get(v, "pages")), 2);
	ck_assert_int_gt(json_integer_value(json_object_get(v, "compressed")),
	    0);
	json_decref(j);
	rr_snap_free(d);
	rr_snap_free(s);
	free(img);
}
END_TEST

Suite	*suite_snap(void);

Suite *
suite_snap(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("snap");
	tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, roundtrip_types);
	tcase_add_test(tc, empty_snapshots);
	tcase_add_test(tc, lookup_errors);
	tcase_add_test(tc, builder_errors);
	tcase_add_loop_test(tc, pages_patterns, 0, 5);
	tcase_add_test(tc, pages_mostly_zero);
	tcase_add_test(tc, pages_maps);
	tcase_add_test(tc, reencode_identical);
	tcase_add_test(tc, sections_any_order);
	tcase_add_test(tc, truncation_every_offset);
	tcase_add_test(tc, corruption_every_byte);
	tcase_add_test(tc, handmade_valid);
	tcase_add_test(tc, spec_worked_example);
	tcase_add_test(tc, regress_missing_block_size);
	tcase_add_test(tc, hostile_lengths);
	tcase_add_test(tc, pages_bad_streams);
	tcase_add_test(tc, structure_errors);
	tcase_add_test(tc, versions);
	tcase_add_test(tc, write_and_read);
	tcase_add_test(tc, json_view);
	suite_add_tcase(s, tc);
	return s;
}
