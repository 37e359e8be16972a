/* librr: the snapshot container (formats/rrsnap.md): build, encode, decode. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <zstd.h>

#include "rr.h"
#include "rrsnap.h"
#include "rrjson.h"
#include "internal.h"
#include "format.h"

/* File layout constants (formats/rrsnap.md, "File header", "Trailer"). */
static const uint8_t snap_endmagic[8] = {
	'R', 'R', 'S', '-', 'E', 'N', 'D', '\n'
};
#define FIXED_LEN	16	/* magic, major, minor, header length */
#define HDR_FIXED	16	/* icount and state hash, before the TLVs */
#define PAGE_REC	(4 + RR_SNAP_PAGE)	/* index u32 + page bytes */
#define ZSTD_LEVEL	3	/* fixed: the same content, the same bytes */
#define ZSTD_WLOG_MAX	23	/* frames needing a bigger window: refused */

struct field {
	char		 name[RR_SNAP_NAME_MAX + 1];
	int		 type;
	uint64_t	 u;
	const uint8_t	*data;
	size_t		 len;
	uint64_t	 count;
	uint64_t	 npages;
	uint64_t	 offset;
	uint8_t		*own;		/* data owned by the field (built) */
};

struct section {
	char		 name[RR_SNAP_NAME_MAX + 1];
	struct field	*f;
	size_t		 n, cap;
	uint64_t	 offset;
};

struct rr_snap {
	struct rr_snap_meta meta;
	struct section	*sec;
	size_t		 n, cap;
	long		 cur;		/* section receiving puts, or -1 */
	uint8_t		*image;		/* decoded: the copied input */
	uint64_t	 skipped;	/* unknown fields (newer minor) */
	struct rr_error	 err;
};

const char *
rr_snap_type_name(int type)
{
	static const char *const names[] = {
		NULL, "u64", "i64", "bytes", "string", "u32s", "u64s", "pages"
	};

	if (type < RR_SNAP_U64 || type > RR_SNAP_PAGES)
		return NULL;
	return names[type];
}

static const char *const abi[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
	"a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
	"s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"
};

const char *
rr_snap_element_name(const char *section, const char *field,
    uint64_t index)
{
	if (section == NULL || field == NULL || index >= 32 ||
	    strcmp(section, "cpu") != 0 || strcmp(field, "x") != 0)
		return NULL;
	return abi[index];
}

/* ---- small helpers ---- */

static size_t
varint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/* Names: 1..63 visible ASCII bytes, so they print and JSON-encode as is. */
static int
name_ok(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || n > RR_SNAP_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x21 || (unsigned char)p[i] > 0x7e)
			return 0;
	return 1;
}

/* Strict UTF-8 (no overlongs, surrogates or NUL), as STRING requires. */
static int
utf8_ok(const uint8_t *p, size_t n)
{
	size_t i = 0, k, j;
	uint32_t c, min;

	while (i < n) {
		c = p[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0) {
			k = 1;
			c &= 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2;
			c &= 0x0f;
			min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			k = 3;
			c &= 0x07;
			min = 0x10000;
		} else
			return 0;
		if (n - i <= k)
			return 0;
		for (j = 1; j <= k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i + j] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += k + 1;
	}
	return 1;
}

static int
page_zero(const uint8_t *p)
{
	static const uint8_t zero[RR_SNAP_PAGE];

	return memcmp(p, zero, RR_SNAP_PAGE) == 0;
}

static void
field_free(struct field *f)
{
	free(f->own);
}

static void
section_free(struct section *sc)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		field_free(&sc->f[i]);
	free(sc->f);
}

/* ---- building ---- */

static int
snap_fail(struct rr_snap *s, int kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
snap_fail(struct rr_snap *s, int kind, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rr_seterr(&s->err, kind, RR_NO_OFFSET, RR_NO_EVENT, "%s", msg);
	return kind == RR_E_NOMEM ? RR_FATAL : RR_FAILED;
}

int
rr_snap_new(struct rr_snap **sp, const struct rr_snap_meta *m)
{
	struct rr_snap *s;

	*sp = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return RR_FATAL;
	if (m != NULL)
		s->meta = *m;
	else
		rr_header_init(&s->meta.hdr);
	/* A header the reader would refuse must not be written. */
	if (s->meta.hdr.block_size == 0)
		s->meta.hdr.block_size = RR_BLOCK_DEFAULT;
	if (s->meta.hdr.block_size < RR_BLOCK_MIN ||
	    s->meta.hdr.block_size > RR_BLOCK_MAX ||
	    s->meta.hdr.clock_shift > 32) {
		free(s);
		return RR_FAILED;
	}
	s->meta.hdr.major = RR_SNAP_MAJOR;
	s->meta.hdr.minor = RR_SNAP_MINOR;
	s->meta.hdr.unknown_fields = 0;
	s->cur = -1;
	rr_clearerr(&s->err);
	*sp = s;
	return RR_OK;
}

int
rr_snap_begin(struct rr_snap *s, const char *section)
{
	struct section *sc;
	size_t i, n = strlen(section);

	if (!name_ok(section, n))
		return snap_fail(s, RR_E_INVAL, "bad section name");
	for (i = 0; i < s->n; i++)
		if (strcmp(s->sec[i].name, section) == 0)
			return snap_fail(s, RR_E_INVAL,
			    "section \"%s\": already present", section);
	if (s->n >= RR_SNAP_SECTIONS_MAX)
		return snap_fail(s, RR_E_LIMIT, "section \"%s\": over %u "
		    "sections", section, RR_SNAP_SECTIONS_MAX);
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;

		if ((sc = realloc(s->sec, cap * sizeof(*sc))) == NULL)
			return snap_fail(s, RR_E_NOMEM, "out of memory");
		s->sec = sc;
		s->cap = cap;
	}
	sc = &s->sec[s->n];
	memset(sc, 0, sizeof(*sc));
	memcpy(sc->name, section, n + 1);
	sc->offset = RR_NO_OFFSET;
	s->cur = (long)s->n++;
	return RR_OK;
}

/*
 * A new field slot in the current section, or NULL with the error set.
 * The slot only counts once the caller bumps sc->n.
 */
static struct field *
field_slot(struct rr_snap *s, const char *name, int *rc)
{
	struct section *sc;
	struct field *f;
	size_t i, n = strlen(name);

	*rc = RR_FAILED;
	if (s->cur < 0) {
		snap_fail(s, RR_E_INVAL, "field \"%.63s\": no section begun",
		    name);
		return NULL;
	}
	sc = &s->sec[s->cur];
	if (!name_ok(name, n)) {
		snap_fail(s, RR_E_INVAL, "section \"%s\": bad field name",
		    sc->name);
		return NULL;
	}
	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->f[i].name, name) == 0) {
			snap_fail(s, RR_E_INVAL, "section \"%s\": "
			    "field \"%s\": already present", sc->name, name);
			return NULL;
		}
	if (sc->n >= RR_SNAP_FIELDS_MAX) {
		snap_fail(s, RR_E_LIMIT, "section \"%s\": over %u fields",
		    sc->name, RR_SNAP_FIELDS_MAX);
		return NULL;
	}
	if (sc->n == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 16;

		if ((f = realloc(sc->f, cap * sizeof(*f))) == NULL) {
			*rc = snap_fail(s, RR_E_NOMEM, "out of memory");
			return NULL;
		}
		sc->f = f;
		sc->cap = cap;
	}
	f = &sc->f[sc->n];
	memset(f, 0, sizeof(*f));
	memcpy(f->name, name, n + 1);
	f->offset = RR_NO_OFFSET;
	return f;
}

static void
field_commit(struct rr_snap *s)
{
	s->sec[s->cur].n++;
}

int
rr_snap_put_u64(struct rr_snap *s, const char *name, uint64_t v)
{
	struct field *f;
	int rc;

	if ((f = field_slot(s, name, &rc)) == NULL)
		return rc;
	f->type = RR_SNAP_U64;
	f->u = v;
	field_commit(s);
	return RR_OK;
}

int
rr_snap_put_i64(struct rr_snap *s, const char *name, int64_t v)
{
	struct field *f;
	int rc;

	if ((f = field_slot(s, name, &rc)) == NULL)
		return rc;
	f->type = RR_SNAP_I64;
	f->u = (uint64_t)v;
	field_commit(s);
	return RR_OK;
}

/* Common tail of the byte-valued puts: the field owns a copy. */
static int
put_data(struct rr_snap *s, const char *name, int type, const void *p,
    size_t n, uint64_t count)
{
	struct field *f;
	int rc;

	if ((f = field_slot(s, name, &rc)) == NULL)
		return rc;
	if (n > 0) {
		if ((f->own = malloc(n)) == NULL)
			return snap_fail(s, RR_E_NOMEM, "out of memory");
		memcpy(f->own, p, n);
	}
	f->type = type;
	f->data = f->own;
	f->len = n;
	f->count = count;
	field_commit(s);
	return RR_OK;
}

int
rr_snap_put_bytes(struct rr_snap *s, const char *name, const void *p,
    size_t n)
{
	return put_data(s, name, RR_SNAP_BYTES, p, n, n);
}

int
rr_snap_put_string(struct rr_snap *s, const char *name, const char *str)
{
	size_t n = strlen(str);

	if (!utf8_ok((const uint8_t *)str, n))
		return snap_fail(s, RR_E_INVAL, "field \"%.63s\": string is "
		    "not UTF-8", name);
	return put_data(s, name, RR_SNAP_STRING, str, n, n);
}

int
rr_snap_put_u32s(struct rr_snap *s, const char *name, const uint32_t *v,
    size_t n)
{
	uint8_t *tmp;
	size_t i;
	int rc;

	if (n > SIZE_MAX / 4)
		return snap_fail(s, RR_E_LIMIT, "field \"%.63s\": too big",
		    name);
	if ((tmp = malloc(n * 4 + 1)) == NULL)
		return snap_fail(s, RR_E_NOMEM, "out of memory");
	for (i = 0; i < n; i++)
		rr_put32(tmp + 4 * i, v[i]);
	rc = put_data(s, name, RR_SNAP_U32S, tmp, n * 4, n);
	free(tmp);
	return rc;
}

int
rr_snap_put_u64s(struct rr_snap *s, const char *name, const uint64_t *v,
    size_t n)
{
	uint8_t *tmp;
	size_t i;
	int rc;

	if (n > SIZE_MAX / 8)
		return snap_fail(s, RR_E_LIMIT, "field \"%.63s\": too big",
		    name);
	if ((tmp = malloc(n * 8 + 1)) == NULL)
		return snap_fail(s, RR_E_NOMEM, "out of memory");
	for (i = 0; i < n; i++)
		rr_put64(tmp + 8 * i, v[i]);
	rc = put_data(s, name, RR_SNAP_U64S, tmp, n * 8, n);
	free(tmp);
	return rc;
}

/* Feed one piece of the page stream to the compressor. */
static int
zfeed(ZSTD_CCtx *cc, struct rr_buf *b, const void *p, size_t n,
    ZSTD_EndDirective end)
{
	ZSTD_inBuffer in = { p, n, 0 };
	ZSTD_outBuffer out;
	size_t r;

	do {
		if (rr_buf_reserve(b, ZSTD_CStreamOutSize()) != 0)
			return -1;
		out.dst = b->p + b->len;
		out.size = b->cap - b->len;
		out.pos = 0;
		r = ZSTD_compressStream2(cc, &out, &in, end);
		if (ZSTD_isError(r))
			return -1;
		b->len += out.pos;
	} while (end == ZSTD_e_end ? r != 0 : in.pos < in.size);
	return 0;
}

/* Is page i to be looked at?  A clear bit in maybe: known zero. */
static int
maybe_page(const uint64_t *maybe, uint64_t i)
{
	return maybe == NULL || (maybe[i / 64] >> (i % 64) & 1);
}

static int
put_pages(struct rr_snap *s, const char *name, const uint8_t *mem,
    size_t size, const uint64_t *maybe)
{
	struct rr_buf b = { 0 };
	struct field *f;
	ZSTD_CCtx *cc = NULL;
	uint64_t npages, i, nz = 0;
	uint8_t idx[4];
	int rc;

	if (size % RR_SNAP_PAGE != 0)
		return snap_fail(s, RR_E_INVAL, "field \"%.63s\": memory size "
		    "%zu is not a multiple of %u", name, size, RR_SNAP_PAGE);
	if ((uint64_t)size > ((uint64_t)1 << 32))
		return snap_fail(s, RR_E_LIMIT, "field \"%.63s\": memory size "
		    "%zu over 4 GiB", name, size);
	if ((f = field_slot(s, name, &rc)) == NULL)
		return rc;
	npages = size / RR_SNAP_PAGE;
	for (i = 0; i < npages; i++)
		if (maybe_page(maybe, i) && !page_zero(mem + i * RR_SNAP_PAGE))
			nz++;
	if (nz > 0) {
		/*
		 * Streamed page by page with the size pledged, so the frame
		 * states its content size and no copy of memory is made.
		 */
		if ((cc = ZSTD_createCCtx()) == NULL)
			goto nomem;
		if (ZSTD_isError(ZSTD_CCtx_setParameter(cc,
		    ZSTD_c_compressionLevel, ZSTD_LEVEL)) ||
		    ZSTD_isError(ZSTD_CCtx_setParameter(cc,
		    ZSTD_c_windowLog, 21)) ||
		    ZSTD_isError(ZSTD_CCtx_setParameter(cc,
		    ZSTD_c_checksumFlag, 0)) ||
		    ZSTD_isError(ZSTD_CCtx_setPledgedSrcSize(cc,
		    nz * PAGE_REC)))
			goto zfail;
		for (i = 0; i < npages; i++) {
			if (!maybe_page(maybe, i) ||
			    page_zero(mem + i * RR_SNAP_PAGE))
				continue;
			rr_put32(idx, (uint32_t)i);
			if (zfeed(cc, &b, idx, 4, ZSTD_e_continue) != 0 ||
			    zfeed(cc, &b, mem + i * RR_SNAP_PAGE, RR_SNAP_PAGE,
			    ZSTD_e_continue) != 0)
				goto zfail;
		}
		if (zfeed(cc, &b, NULL, 0, ZSTD_e_end) != 0)
			goto zfail;
		ZSTD_freeCCtx(cc);
	}
	f->type = RR_SNAP_PAGES;
	f->own = b.p;
	f->data = b.p;
	f->len = b.len;
	f->count = size;
	f->npages = nz;
	field_commit(s);
	return RR_OK;
zfail:
	if (!b.oom) {
		ZSTD_freeCCtx(cc);
		rr_buf_free(&b);
		return snap_fail(s, RR_E_INVAL, "field \"%.63s\": compression "
		    "failed", name);
	}
nomem:
	ZSTD_freeCCtx(cc);
	rr_buf_free(&b);
	return snap_fail(s, RR_E_NOMEM, "out of memory");
}

int
rr_snap_put_pages(struct rr_snap *s, const char *name, const uint8_t *mem,
    size_t size)
{
	return put_pages(s, name, mem, size, NULL);
}

int
rr_snap_put_pages_map(struct rr_snap *s, const char *name,
    const uint8_t *mem, size_t size, const uint64_t *maybe)
{
	return put_pages(s, name, mem, size, maybe);
}

/*
 * Check a PAGES value's frame header against its counts, without
 * decompressing: one frame, exactly filling the value, of the stated
 * content size.  Returns a message, or NULL when it is fine.
 */
static const char *
pages_check(uint64_t size, uint64_t npages, const uint8_t *p, size_t n)
{
	unsigned long long csize;
	size_t fsize;

	if (size % RR_SNAP_PAGE != 0)
		return "memory size not a multiple of 4096";
	if (npages > size / RR_SNAP_PAGE)
		return "more pages than the memory holds";
	if (npages == 0)
		return n == 0 ? NULL : "bytes after an empty page list";
	csize = ZSTD_getFrameContentSize(p, n);
	if (csize == ZSTD_CONTENTSIZE_ERROR)
		return "not a zstd frame";
	if (csize == ZSTD_CONTENTSIZE_UNKNOWN)
		return "zstd frame without a content size";
	if (csize != npages * PAGE_REC)
		return "zstd content size does not match the page count";
	fsize = ZSTD_findFrameCompressedSize(p, n);
	if (ZSTD_isError(fsize) || fsize != n)
		return "zstd frame does not fill the field";
	return NULL;
}

int
rr_snap_put_field(struct rr_snap *s, const struct rr_snap_field *src)
{
	struct field *f;
	const char *why;
	int rc;

	switch (src->type) {
	case RR_SNAP_U64:
		return rr_snap_put_u64(s, src->name, src->u);
	case RR_SNAP_I64:
		return rr_snap_put_i64(s, src->name, (int64_t)src->u);
	case RR_SNAP_BYTES:
		return put_data(s, src->name, RR_SNAP_BYTES, src->data,
		    src->len, src->len);
	case RR_SNAP_STRING:
		if (!utf8_ok(src->data, src->len))
			return snap_fail(s, RR_E_INVAL, "field \"%.63s\": "
			    "string is not UTF-8", src->name);
		return put_data(s, src->name, RR_SNAP_STRING, src->data,
		    src->len, src->len);
	case RR_SNAP_U32S:
	case RR_SNAP_U64S:
		if (src->len != src->count * (src->type == RR_SNAP_U32S ?
		    4 : 8))
			return snap_fail(s, RR_E_INVAL, "field \"%.63s\": "
			    "length and count disagree", src->name);
		return put_data(s, src->name, src->type, src->data, src->len,
		    src->count);
	case RR_SNAP_PAGES:
		if (src->count > ((uint64_t)1 << 32))
			return snap_fail(s, RR_E_LIMIT, "field \"%.63s\": "
			    "memory size over 4 GiB", src->name);
		if ((why = pages_check(src->count, src->npages, src->data,
		    src->len)) != NULL)
			return snap_fail(s, RR_E_INVAL, "field \"%.63s\": %s",
			    src->name, why);
		if ((rc = put_data(s, src->name, RR_SNAP_PAGES, src->data,
		    src->len, src->count)) != RR_OK)
			return rc;
		f = &s->sec[s->cur].f[s->sec[s->cur].n - 1];
		f->npages = src->npages;
		return RR_OK;
	default:
		return snap_fail(s, RR_E_INVAL, "field \"%.63s\": unknown "
		    "type %d", src->name, src->type);
	}
}

/* ---- encoding ---- */

/* Bytes of a field's value (the part after its value length). */
static size_t
value_len(const struct field *f)
{
	switch (f->type) {
	case RR_SNAP_U64:
		return varint_len(f->u);
	case RR_SNAP_I64:
		return varint_len(rr_zigzag((int64_t)f->u));
	case RR_SNAP_PAGES:
		return varint_len(f->count) + varint_len(f->npages) + f->len;
	default:
		return f->len;
	}
}

static void
put_value(struct rr_buf *b, const struct field *f)
{
	switch (f->type) {
	case RR_SNAP_U64:
		rr_buf_varint(b, f->u);
		break;
	case RR_SNAP_I64:
		rr_buf_varint(b, rr_zigzag((int64_t)f->u));
		break;
	case RR_SNAP_PAGES:
		rr_buf_varint(b, f->count);
		rr_buf_varint(b, f->npages);
		rr_buf_put(b, f->data, f->len);
		break;
	default:
		rr_buf_put(b, f->data, f->len);
		break;
	}
}

int
rr_snap_encode(struct rr_snap *s, uint8_t **out, size_t *len)
{
	struct rr_buf b = { 0 }, hb = { 0 };
	const struct section *sc;
	const struct field *f;
	uint8_t tmp[8];
	size_t i, j, start, body, vl, total;
	uint32_t chain;

	*out = NULL;
	*len = 0;
	rr_header_fields_put(&hb, &s->meta.hdr);
	if (hb.oom)
		goto nomem;
	if (HDR_FIXED + hb.len > RR_HEADER_MAX) {
		rr_buf_free(&hb);
		return snap_fail(s, RR_E_LIMIT, "header over %u bytes",
		    RR_HEADER_MAX);
	}

	/* Size it all first: one allocation, even for big memories. */
	total = FIXED_LEN + HDR_FIXED + hb.len + 4;
	for (i = 0; i < s->n; i++) {
		sc = &s->sec[i];
		body = 0;
		for (j = 0; j < sc->n; j++) {
			vl = value_len(&sc->f[j]);
			body += 2 + strlen(sc->f[j].name) + varint_len(vl) + vl;
		}
		total += 1 + strlen(sc->name) + varint_len(sc->n) +
		    varint_len(body) + body + 4;
	}
	total += 1 + varint_len(s->n) + 4 + sizeof(snap_endmagic);
	if (rr_buf_reserve(&b, total) != 0)
		goto nomem;

	rr_buf_put(&b, SNAP_MAGIC, SNAP_MAGIC_LEN);
	rr_put16(tmp, RR_SNAP_MAJOR);
	rr_put16(tmp + 2, RR_SNAP_MINOR);
	rr_put32(tmp + 4, (uint32_t)(HDR_FIXED + hb.len));
	rr_buf_put(&b, tmp, 8);
	rr_put64(tmp, s->meta.icount);
	rr_buf_put(&b, tmp, 8);
	rr_put64(tmp, s->meta.state_hash);
	rr_buf_put(&b, tmp, 8);
	rr_buf_put(&b, hb.p, hb.len);
	rr_buf_free(&hb);
	rr_put32(tmp, rr_crc32c(0, b.p, b.len));
	rr_buf_put(&b, tmp, 4);
	chain = rr_crc32c(0, tmp, 4);

	for (i = 0; i < s->n; i++) {
		sc = &s->sec[i];
		start = b.len;
		body = 0;
		for (j = 0; j < sc->n; j++) {
			vl = value_len(&sc->f[j]);
			body += 2 + strlen(sc->f[j].name) + varint_len(vl) + vl;
		}
		tmp[0] = (uint8_t)strlen(sc->name);
		rr_buf_put(&b, tmp, 1);
		rr_buf_put(&b, sc->name, tmp[0]);
		rr_buf_varint(&b, sc->n);
		rr_buf_varint(&b, body);
		for (j = 0; j < sc->n; j++) {
			f = &sc->f[j];
			tmp[0] = (uint8_t)f->type;
			tmp[1] = (uint8_t)strlen(f->name);
			rr_buf_put(&b, tmp, 2);
			rr_buf_put(&b, f->name, tmp[1]);
			rr_buf_varint(&b, value_len(f));
			put_value(&b, f);
		}
		rr_put32(tmp, rr_crc32c(0, b.p + start, b.len - start));
		rr_buf_put(&b, tmp, 4);
		chain = rr_crc32c(chain, tmp, 4);
	}

	start = b.len;
	tmp[0] = 0;
	rr_buf_put(&b, tmp, 1);
	rr_buf_varint(&b, s->n);
	if (b.oom)
		goto nomem;
	chain = rr_crc32c(chain, b.p + start, b.len - start);
	rr_put32(tmp, chain);
	rr_buf_put(&b, tmp, 4);
	rr_buf_put(&b, snap_endmagic, sizeof(snap_endmagic));
	if (b.oom)
		goto nomem;
	*out = b.p;
	*len = b.len;
	return RR_OK;
nomem:
	rr_buf_free(&hb);
	rr_buf_free(&b);
	return snap_fail(s, RR_E_NOMEM, "out of memory");
}

static int
write_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int
rr_snap_write(struct rr_snap *s, const char *path, const struct rr_fileid *in,
    size_t nin, struct rr_error *err)
{
	struct rr_output o;
	uint8_t *img;
	size_t len;
	int rc;

	rr_clearerr(err);
	if ((rc = rr_snap_encode(s, &img, &len)) != RR_OK) {
		if (err != NULL)
			*err = s->err;
		return rc;
	}
	if (rr_output_open(&o, path, 0, in, nin, err) != RR_OK) {
		free(img);
		return RR_FATAL;
	}
	if (write_all(o.fd, img, len) != 0) {
		rc = rr_seterr_io(err, "write");
		rr_output_abort(&o);
	} else
		rc = rr_output_commit(&o, err);
	free(img);
	return rc;
}

/* ---- decoding ---- */

struct dec {
	const uint8_t	*buf;
	size_t		 len;
	struct rr_error	*err;
	const char	*sec;		/* section being read, for messages */
	const char	*field;		/* field being read */
	int		 newer;		/* file's minor is above ours */
};

static int
derr(struct dec *d, int kind, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Set the error, prefixed with the section and field being read. */
static int
derr(struct dec *d, int kind, uint64_t off, const char *fmt, ...)
{
	char msg[160], where[160] = "";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->sec != NULL && d->field != NULL)
		snprintf(where, sizeof(where), "section \"%s\": field \"%s\": ",
		    d->sec, d->field);
	else if (d->sec != NULL)
		snprintf(where, sizeof(where), "section \"%s\": ", d->sec);
	rr_seterr(d->err, kind, off, RR_NO_EVENT, "%s%s", where, msg);
	return -1;
}

/*
 * Past the end of a region: truncation at the end of the input, else
 * damage (a length inside checked data that points outside it).
 */
static int
short_read(struct dec *d, size_t lim, const char *what)
{
	if (lim >= d->len)
		return derr(d, RR_E_TRUNCATED, d->len, "%s: data ends early",
		    what);
	return derr(d, RR_E_CORRUPT, lim, "%s runs past its end", what);
}

/* A minimal LEB128 varint of at most 10 bytes from buf[*pos..lim). */
static int
dvar(struct dec *d, size_t *pos, size_t lim, uint64_t *v, const char *what)
{
	uint64_t r = 0;
	size_t i;
	uint8_t c;

	for (i = 0;; i++) {
		if (*pos + i >= lim)
			return short_read(d, lim, what);
		if (i == 10)
			return derr(d, RR_E_CORRUPT, *pos, "%s: varint over "
			    "10 bytes", what);
		c = d->buf[*pos + i];
		if (i == 9 && c > 1)
			return derr(d, RR_E_CORRUPT, *pos, "%s: varint over "
			    "64 bits", what);
		r |= (uint64_t)(c & 0x7f) << (7 * i);
		if (!(c & 0x80)) {
			if (i > 0 && c == 0)
				return derr(d, RR_E_CORRUPT, *pos, "%s: varint "
				    "not minimal", what);
			break;
		}
	}
	*pos += i + 1;
	*v = r;
	return 0;
}

static int
need(struct dec *d, size_t pos, size_t n, size_t lim, const char *what)
{
	if (n > lim - pos)
		return short_read(d, lim, what);
	return 0;
}

/*
 * Checksums are verified except in fuzzing builds (the libFuzzer
 * convention), where they would hide everything behind them.
 */
static int
crc_bad(uint32_t stored, uint32_t computed)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	(void)stored;
	(void)computed;
	return 0;
#else
	return stored != computed;
#endif
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Duplicate names make lookups ambiguous: refused. */
static const char *
find_dup(const char **names, size_t n)
{
	size_t i;

	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 1; i < n; i++)
		if (strcmp(names[i - 1], names[i]) == 0)
			return names[i];
	return NULL;
}

/* Decode one field's value of known type into f. */
static int
field_value(struct dec *d, struct field *f, size_t pos, size_t vlen)
{
	size_t end = pos + vlen, p = pos;
	uint64_t v, npages;
	const char *why;

	switch (f->type) {
	case RR_SNAP_U64:
	case RR_SNAP_I64:
		if (dvar(d, &p, end, &v, "value") != 0)
			return -1;
		if (p != end)
			return derr(d, RR_E_CORRUPT, p, "bytes after the "
			    "integer");
		f->u = f->type == RR_SNAP_I64 ? (uint64_t)rr_unzigzag(v) : v;
		return 0;
	case RR_SNAP_STRING:
		if (!utf8_ok(d->buf + pos, vlen))
			return derr(d, RR_E_CORRUPT, pos, "string is not "
			    "UTF-8 (or holds NUL)");
		/* FALLTHROUGH */
	case RR_SNAP_BYTES:
		f->data = d->buf + pos;
		f->len = vlen;
		f->count = vlen;
		return 0;
	case RR_SNAP_U32S:
	case RR_SNAP_U64S:
		v = f->type == RR_SNAP_U32S ? 4 : 8;
		if (vlen % v != 0)
			return derr(d, RR_E_CORRUPT, pos, "length %zu is not a "
			    "multiple of %llu", vlen, (unsigned long long)v);
		f->data = d->buf + pos;
		f->len = vlen;
		f->count = vlen / v;
		return 0;
	case RR_SNAP_PAGES:
		if (dvar(d, &p, end, &v, "memory size") != 0 ||
		    dvar(d, &p, end, &npages, "page count") != 0)
			return -1;
		if (v > ((uint64_t)1 << 32))
			return derr(d, RR_E_LIMIT, pos, "memory size %llu over "
			    "4 GiB", (unsigned long long)v);
		if ((why = pages_check(v, npages, d->buf + p, end - p)) !=
		    NULL)
			return derr(d, v % RR_SNAP_PAGE == 0 &&
			    npages > v / RR_SNAP_PAGE ? RR_E_LIMIT :
			    RR_E_CORRUPT, pos, "%s", why);
		f->count = v;
		f->npages = npages;
		f->data = d->buf + p;
		f->len = end - p;
		return 0;
	}
	return derr(d, RR_E_CORRUPT, pos, "unknown type");
}

/* The fields of one checksummed section body buf[pos..end). */
static int
section_body(struct dec *d, struct rr_snap *s, struct section *sc,
    uint64_t count, size_t pos, size_t end)
{
	const char *names[RR_SNAP_FIELDS_MAX], *dup;
	struct field *f;
	uint64_t i, vlen;
	size_t start, nlen;
	int type;

	/* Each field takes at least 4 bytes: no allocation beyond that. */
	if (count > (end - pos) / 4)
		return derr(d, RR_E_CORRUPT, pos, "%llu fields cannot fit in "
		    "%zu bytes", (unsigned long long)count, end - pos);
	if (count > 0 && (sc->f = calloc(count, sizeof(*sc->f))) == NULL)
		return derr(d, RR_E_NOMEM, pos, "out of memory");
	sc->cap = count;
	for (i = 0; i < count; i++) {
		start = pos;
		d->field = NULL;
		if (need(d, pos, 2, end, "field header") != 0)
			return -1;
		type = d->buf[pos];
		nlen = d->buf[pos + 1];
		pos += 2;
		if (need(d, pos, nlen, end, "field name") != 0)
			return -1;
		if (!name_ok((const char *)d->buf + pos, nlen))
			return derr(d, RR_E_CORRUPT, start, "bad field name");
		f = &sc->f[sc->n];
		memset(f, 0, sizeof(*f));
		memcpy(f->name, d->buf + pos, nlen);
		f->name[nlen] = '\0';
		f->offset = start;
		d->field = f->name;
		pos += nlen;
		if (dvar(d, &pos, end, &vlen, "value length") != 0)
			return -1;
		if (vlen > end - pos)
			return derr(d, RR_E_CORRUPT, start, "value of %llu "
			    "bytes runs past the section",
			    (unsigned long long)vlen);
		if (type < RR_SNAP_U64 || type > RR_SNAP_PAGES) {
			if (!d->newer)
				return derr(d, RR_E_CORRUPT, start, "unknown "
				    "type %d", type);
			/* A newer minor's type: skipped, and counted. */
			s->skipped++;
			pos += vlen;
			continue;
		}
		f->type = type;
		if (field_value(d, f, pos, (size_t)vlen) != 0)
			return -1;
		pos += vlen;
		names[sc->n++] = f->name;
	}
	d->field = NULL;
	if (pos != end)
		return derr(d, RR_E_CORRUPT, pos, "%zu bytes after the last "
		    "field", end - pos);
	if ((dup = find_dup(names, sc->n)) != NULL)
		return derr(d, RR_E_CORRUPT, sc->offset, "field \"%s\" "
		    "appears twice", dup);
	return 0;
}

static int
decode(struct dec *d, struct rr_snap *s)
{
	const char *names[RR_SNAP_SECTIONS_MAX], *dup;
	struct section *sc;
	uint64_t count, blen, nsec;
	size_t pos, start, hend, nlen;
	uint32_t hlen, chain;
	uint16_t major, minor;

	if (d->len < SNAP_MAGIC_LEN) {
		if (memcmp(d->buf, SNAP_MAGIC, d->len) == 0)
			return derr(d, RR_E_TRUNCATED, d->len, "magic: data "
			    "ends early");
	}
	if (d->len < SNAP_MAGIC_LEN ||
	    memcmp(d->buf, SNAP_MAGIC, SNAP_MAGIC_LEN) != 0) {
		if (d->len >= 4 && memcmp(d->buf, SNAP_MAGIC, 4) == 0)
			return derr(d, RR_E_CORRUPT, 0, "magic damaged "
			    "(copied as text?)");
		return derr(d, RR_E_CORRUPT, 0, "not a snapshot (bad magic)");
	}
	if (need(d, 8, FIXED_LEN - 8, d->len, "file header") != 0)
		return -1;
	major = rr_le16(d->buf + 8);
	minor = rr_le16(d->buf + 10);
	if (major != RR_SNAP_MAJOR)
		return derr(d, RR_E_UNSUPPORTED, 8, "format version %u.%u; "
		    "this reader supports %u.x", major, minor, RR_SNAP_MAJOR);
	d->newer = minor > RR_SNAP_MINOR;
	hlen = rr_le32(d->buf + 12);
	if (hlen > RR_HEADER_MAX)
		return derr(d, RR_E_LIMIT, 12, "header of %u bytes over %u",
		    hlen, RR_HEADER_MAX);
	if (hlen < HDR_FIXED)
		return derr(d, RR_E_CORRUPT, 12, "header of %u bytes too "
		    "short", hlen);
	hend = FIXED_LEN + (size_t)hlen;
	if (need(d, FIXED_LEN, (size_t)hlen + 4, d->len, "header") != 0)
		return -1;
	if (crc_bad(rr_le32(d->buf + hend), rr_crc32c(0, d->buf, hend)))
		return derr(d, RR_E_CORRUPT, hend, "header checksum mismatch");
	chain = rr_crc32c(0, d->buf + hend, 4);
	/* Absent header fields are 0 or empty; block_size has a default. */
	memset(&s->meta, 0, sizeof(s->meta));
	s->meta.hdr.block_size = RR_BLOCK_DEFAULT;
	s->meta.icount = rr_le64(d->buf + FIXED_LEN);
	s->meta.state_hash = rr_le64(d->buf + FIXED_LEN + 8);
	if (rr_header_fields_get(&s->meta.hdr, d->buf + FIXED_LEN + HDR_FIXED,
	    hlen - HDR_FIXED, FIXED_LEN + HDR_FIXED, d->err) != RR_OK)
		return -1;
	s->meta.hdr.major = major;
	s->meta.hdr.minor = minor;

	pos = hend + 4;
	for (;;) {
		d->sec = NULL;
		d->field = NULL;
		start = pos;
		if (need(d, pos, 1, d->len, "section") != 0)
			return -1;
		if (d->buf[pos] == 0)
			break;			/* the trailer */
		nlen = d->buf[pos++];
		if (nlen > RR_SNAP_NAME_MAX)
			return derr(d, RR_E_CORRUPT, start, "section name of "
			    "%zu bytes", nlen);
		if (need(d, pos, nlen, d->len, "section name") != 0)
			return -1;
		if (!name_ok((const char *)d->buf + pos, nlen))
			return derr(d, RR_E_CORRUPT, start, "bad section name");
		if (s->n >= RR_SNAP_SECTIONS_MAX)
			return derr(d, RR_E_LIMIT, start, "over %u sections",
			    RR_SNAP_SECTIONS_MAX);
		sc = &s->sec[s->n];
		memset(sc, 0, sizeof(*sc));
		memcpy(sc->name, d->buf + pos, nlen);
		sc->name[nlen] = '\0';
		sc->offset = start;
		s->n++;
		d->sec = sc->name;
		pos += nlen;
		if (dvar(d, &pos, d->len, &count, "field count") != 0)
			return -1;
		if (count > RR_SNAP_FIELDS_MAX)
			return derr(d, RR_E_LIMIT, start, "%llu fields, over "
			    "%u", (unsigned long long)count,
			    RR_SNAP_FIELDS_MAX);
		if (dvar(d, &pos, d->len, &blen, "section length") != 0)
			return -1;
		if (blen > ((uint64_t)1 << 34))
			return derr(d, RR_E_LIMIT, start, "section of %llu "
			    "bytes, over 16 GiB", (unsigned long long)blen);
		if (need(d, pos, (size_t)blen, d->len, "section body") != 0 ||
		    need(d, pos + (size_t)blen, 4, d->len, "section checksum")
		    != 0)
			return -1;
		if (crc_bad(rr_le32(d->buf + pos + (size_t)blen),
		    rr_crc32c(0, d->buf + start, pos + (size_t)blen - start)))
			return derr(d, RR_E_CORRUPT, pos + (size_t)blen,
			    "checksum mismatch");
		if (section_body(d, s, sc, count, pos, pos + (size_t)blen) != 0)
			return -1;
		chain = rr_crc32c(chain, d->buf + pos + (size_t)blen, 4);
		pos += (size_t)blen + 4;
	}

	/*
	 * Trailer: 0, section count, the CRC chained over every stored CRC
	 * and the trailer's own bytes, the end magic.  (A CRC over the whole
	 * file would be a constant here: each checksummed part leaves the
	 * CRC register in the same state whatever its content.)
	 */
	start = pos++;
	if (dvar(d, &pos, d->len, &nsec, "trailer section count") != 0)
		return -1;
	if (need(d, pos, 4, d->len, "trailer checksum") != 0)
		return -1;
	if (nsec != s->n)
		return derr(d, RR_E_CORRUPT, start, "trailer counts %llu "
		    "sections, found %zu", (unsigned long long)nsec, s->n);
	chain = rr_crc32c(chain, d->buf + start, pos - start);
	if (crc_bad(rr_le32(d->buf + pos), chain))
		return derr(d, RR_E_CORRUPT, pos, "trailer checksum mismatch");
	pos += 4;
	if (need(d, pos, sizeof(snap_endmagic), d->len, "end magic") != 0)
		return -1;
	if (memcmp(d->buf + pos, snap_endmagic, sizeof(snap_endmagic)) != 0)
		return derr(d, RR_E_CORRUPT, pos, "bad end magic");
	pos += sizeof(snap_endmagic);
	if (pos != d->len)
		return derr(d, RR_E_CORRUPT, pos, "%zu bytes after the end",
		    d->len - pos);
	for (pos = 0; pos < s->n; pos++)
		names[pos] = s->sec[pos].name;
	if ((dup = find_dup(names, s->n)) != NULL)
		return derr(d, RR_E_CORRUPT, RR_NO_OFFSET, "section \"%s\" "
		    "appears twice", dup);
	return 0;
}

/* Decode buf, a copy of it (copy) or buf itself, borrowed. */
static int
snap_decode(struct rr_snap **sp, const uint8_t *buf, size_t len, int copy,
    struct rr_error *err)
{
	struct rr_snap *s;
	struct dec d;

	*sp = NULL;
	rr_clearerr(err);
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (copy && (s->image = malloc(len > 0 ? len : 1)) == NULL) ||
	    (s->sec = calloc(RR_SNAP_SECTIONS_MAX, sizeof(*s->sec))) == NULL) {
		rr_snap_free(s);
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		return RR_FATAL;
	}
	if (copy && len > 0)
		memcpy(s->image, buf, len);
	s->cap = RR_SNAP_SECTIONS_MAX;
	s->cur = -1;
	rr_clearerr(&s->err);
	memset(&d, 0, sizeof(d));
	d.buf = copy ? s->image : buf;
	d.len = len;
	d.err = err;
	if (decode(&d, s) != 0) {
		rr_snap_free(s);
		return RR_FATAL;
	}
	*sp = s;
	return RR_OK;
}

int
rr_snap_decode(struct rr_snap **sp, const uint8_t *buf, size_t len,
    struct rr_error *err)
{
	return snap_decode(sp, buf, len, 1, err);
}

int
rr_snap_decode_borrowed(struct rr_snap **sp, const uint8_t *buf, size_t len,
    struct rr_error *err)
{
	return snap_decode(sp, buf, len, 0, err);
}

int
rr_snap_read_fd(struct rr_snap **sp, int fd, const void *prefix, size_t plen,
    struct rr_error *err)
{
	struct rr_buf b = { 0 };
	ssize_t k;
	int rc;

	*sp = NULL;
	rr_clearerr(err);
	rr_buf_put(&b, prefix, plen);
	for (;;) {
		if (b.oom || rr_buf_reserve(&b, 65536) != 0) {
			rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
			    "out of memory");
			rc = RR_FATAL;
			goto out;
		}
		k = read(fd, b.p + b.len, b.cap - b.len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			rc = rr_seterr_io(err, "read");
			goto out;
		}
		if (k == 0)
			break;
		b.len += (size_t)k;
	}
	rc = rr_snap_decode(sp, b.p, b.len, err);
out:
	rr_buf_free(&b);
	return rc;
}

int
rr_snap_read(struct rr_snap **sp, const char *path, struct rr_error *err)
{
	int fd, rc;

	*sp = NULL;
	rr_clearerr(err);
	if (strcmp(path, "-") == 0)
		return rr_snap_read_fd(sp, STDIN_FILENO, NULL, 0, err);
	if ((fd = open(path, O_RDONLY)) < 0)
		return rr_seterr_io(err, "open");
	rc = rr_snap_read_fd(sp, fd, NULL, 0, err);
	close(fd);
	return rc;
}

void
rr_snap_free(struct rr_snap *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		section_free(&s->sec[i]);
	free(s->sec);
	free(s->image);
	free(s);
}

const struct rr_snap_meta *
rr_snap_meta(const struct rr_snap *s)
{
	return &s->meta;
}

const struct rr_error *
rr_snap_error(const struct rr_snap *s)
{
	return &s->err;
}

uint64_t
rr_snap_skipped(const struct rr_snap *s)
{
	return s->skipped;
}

/* ---- lookups ---- */

size_t
rr_snap_nsections(const struct rr_snap *s)
{
	return s->n;
}

const char *
rr_snap_section_name(const struct rr_snap *s, size_t i)
{
	return i < s->n ? s->sec[i].name : NULL;
}

long
rr_snap_find(const struct rr_snap *s, const char *section)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->sec[i].name, section) == 0)
			return (long)i;
	return -1;
}

size_t
rr_snap_nfields(const struct rr_snap *s, size_t sec)
{
	return sec < s->n ? s->sec[sec].n : 0;
}

static void
field_out(const struct field *f, struct rr_snap_field *o)
{
	o->name = f->name;
	o->type = f->type;
	o->u = f->u;
	o->data = f->data;
	o->len = f->len;
	o->count = f->count;
	o->npages = f->npages;
	o->offset = f->offset;
}

int
rr_snap_field(const struct rr_snap *s, size_t sec, size_t i,
    struct rr_snap_field *f)
{
	if (sec >= s->n || i >= s->sec[sec].n)
		return RR_FAILED;
	field_out(&s->sec[sec].f[i], f);
	return RR_OK;
}

/* The named field of the wanted type, or NULL with err filled. */
static const struct field *
lookup(const struct rr_snap *s, size_t sec, const char *name, int type,
    int type2, struct rr_error *err)
{
	const struct section *sc;
	size_t i;

	rr_clearerr(err);
	if (sec >= s->n) {
		rr_seterr(err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "no section %zu", sec);
		return NULL;
	}
	sc = &s->sec[sec];
	for (i = 0; i < sc->n; i++) {
		if (strcmp(sc->f[i].name, name) != 0)
			continue;
		if (sc->f[i].type != type && sc->f[i].type != type2) {
			rr_seterr(err, RR_E_CORRUPT, sc->f[i].offset,
			    RR_NO_EVENT, "section \"%s\": field \"%s\": "
			    "type %s, expected %s", sc->name, name,
			    rr_snap_type_name(sc->f[i].type),
			    rr_snap_type_name(type));
			return NULL;
		}
		return &sc->f[i];
	}
	rr_seterr(err, RR_E_CORRUPT, sc->offset, RR_NO_EVENT,
	    "section \"%s\": no field \"%.63s\"", sc->name, name);
	return NULL;
}

int
rr_snap_get_u64(const struct rr_snap *s, size_t sec, const char *name,
    uint64_t *v, struct rr_error *err)
{
	const struct field *f;

	if ((f = lookup(s, sec, name, RR_SNAP_U64, 0, err)) == NULL)
		return RR_FAILED;
	*v = f->u;
	return RR_OK;
}

int
rr_snap_get_i64(const struct rr_snap *s, size_t sec, const char *name,
    int64_t *v, struct rr_error *err)
{
	const struct field *f;

	if ((f = lookup(s, sec, name, RR_SNAP_I64, 0, err)) == NULL)
		return RR_FAILED;
	*v = (int64_t)f->u;
	return RR_OK;
}

int
rr_snap_get_bytes(const struct rr_snap *s, size_t sec, const char *name,
    const uint8_t **p, size_t *n, struct rr_error *err)
{
	const struct field *f;

	if ((f = lookup(s, sec, name, RR_SNAP_BYTES, RR_SNAP_STRING, err)) ==
	    NULL)
		return RR_FAILED;
	*p = f->data;
	*n = f->len;
	return RR_OK;
}

int
rr_snap_get_string(const struct rr_snap *s, size_t sec, const char *name,
    char *buf, size_t size, struct rr_error *err)
{
	const struct field *f;

	if ((f = lookup(s, sec, name, RR_SNAP_STRING, 0, err)) == NULL)
		return RR_FAILED;
	if (f->len >= size) {
		rr_seterr(err, RR_E_LIMIT, f->offset, RR_NO_EVENT,
		    "section \"%s\": field \"%s\": string of %zu bytes, "
		    "room for %zu", s->sec[sec].name, name, f->len,
		    size > 0 ? size - 1 : 0);
		return RR_FAILED;
	}
	if (f->len > 0)
		memcpy(buf, f->data, f->len);
	buf[f->len] = '\0';
	return RR_OK;
}

static const struct field *
lookup_array(const struct rr_snap *s, size_t sec, const char *name, int type,
    size_t n, struct rr_error *err)
{
	const struct field *f;

	if ((f = lookup(s, sec, name, type, 0, err)) == NULL)
		return NULL;
	if (f->count != n) {
		rr_seterr(err, RR_E_CORRUPT, f->offset, RR_NO_EVENT,
		    "section \"%s\": field \"%s\": %llu elements, expected "
		    "%zu", s->sec[sec].name, name,
		    (unsigned long long)f->count, n);
		return NULL;
	}
	return f;
}

int
rr_snap_get_u32s(const struct rr_snap *s, size_t sec, const char *name,
    uint32_t *v, size_t n, struct rr_error *err)
{
	const struct field *f;
	size_t i;

	if ((f = lookup_array(s, sec, name, RR_SNAP_U32S, n, err)) == NULL)
		return RR_FAILED;
	for (i = 0; i < n; i++)
		v[i] = rr_le32(f->data + 4 * i);
	return RR_OK;
}

int
rr_snap_get_u64s(const struct rr_snap *s, size_t sec, const char *name,
    uint64_t *v, size_t n, struct rr_error *err)
{
	const struct field *f;
	size_t i;

	if ((f = lookup_array(s, sec, name, RR_SNAP_U64S, n, err)) == NULL)
		return RR_FAILED;
	for (i = 0; i < n; i++)
		v[i] = rr_le64(f->data + 8 * i);
	return RR_OK;
}

/*
 * Decompress until out is full.  0 when full; -1 on a zstd error or a
 * stream that ends (or stalls) first.  *last is zstd's last answer: 0
 * once the frame is complete.
 */
static int
zfill(ZSTD_DCtx *dc, ZSTD_inBuffer *in, ZSTD_outBuffer *out, size_t *last)
{
	size_t r, inpos, outpos;

	while (out->pos < out->size) {
		inpos = in->pos;
		outpos = out->pos;
		r = ZSTD_decompressStream(dc, out, in);
		if (ZSTD_isError(r))
			return -1;
		*last = r;
		if (out->pos < out->size && (r == 0 ||
		    (in->pos == inpos && out->pos == outpos)))
			return -1;
	}
	return 0;
}

static int
get_pages(const struct rr_snap *s, size_t sec, const char *name,
    uint8_t *mem, size_t size, uint64_t *stored, struct rr_error *err)
{
	const struct field *f;
	ZSTD_DCtx *dc;
	ZSTD_inBuffer in;
	ZSTD_outBuffer out;
	uint64_t i, idx, prev = 0, npages;
	uint8_t ib[4], extra;
	const char *why = NULL;
	size_t r = 1;

	if ((f = lookup(s, sec, name, RR_SNAP_PAGES, 0, err)) == NULL)
		return RR_FAILED;
	if (f->count != size) {
		rr_seterr(err, RR_E_CORRUPT, f->offset, RR_NO_EVENT,
		    "section \"%s\": field \"%s\": memory of %llu bytes, "
		    "expected %zu", s->sec[sec].name, name,
		    (unsigned long long)f->count, size);
		return RR_FAILED;
	}
	if (stored != NULL)
		memset(stored, 0, (size / RR_SNAP_PAGE + 63) / 64 * 8);
	else if (size > 0)
		memset(mem, 0, size);
	if (f->npages == 0)
		return RR_OK;
	if ((dc = ZSTD_createDCtx()) == NULL) {
		rr_seterr(err, RR_E_NOMEM, f->offset, RR_NO_EVENT,
		    "out of memory");
		return RR_FATAL;
	}
	/* Bound the window: a hostile frame cannot ask for more memory. */
	ZSTD_DCtx_setParameter(dc, ZSTD_d_windowLogMax, ZSTD_WLOG_MAX);
	in.src = f->data;
	in.size = f->len;
	in.pos = 0;
	npages = size / RR_SNAP_PAGE;
	for (i = 0; i < f->npages && why == NULL; i++) {
		out.dst = ib;
		out.size = 4;
		out.pos = 0;
		if (zfill(dc, &in, &out, &r) != 0) {
			why = "bad compressed stream";
			break;
		}
		idx = rr_le32(ib);
		if (idx >= npages)
			why = "page index beyond the memory";
		else if (i > 0 && idx <= prev)
			why = "page indexes not increasing";
		if (why != NULL)
			break;
		out.dst = mem + idx * RR_SNAP_PAGE;
		out.size = RR_SNAP_PAGE;
		out.pos = 0;
		if (zfill(dc, &in, &out, &r) != 0)
			why = "bad compressed stream";
		else if (page_zero(mem + idx * RR_SNAP_PAGE))
			why = "a zero page is stored";
		if (stored != NULL)
			stored[idx / 64] |= (uint64_t)1 << (idx % 64);
		prev = idx;
	}
	if (why == NULL && r != 0) {
		/* The frame must end here: nothing more comes out. */
		out.dst = &extra;
		out.size = 1;
		out.pos = 0;
		r = ZSTD_decompressStream(dc, &out, &in);
		if (ZSTD_isError(r) || out.pos != 0)
			r = 1;
	}
	if (why == NULL && (r != 0 || in.pos != in.size))
		why = "compressed stream does not end after the pages";
	ZSTD_freeDCtx(dc);
	if (why != NULL) {
		rr_seterr(err, RR_E_CORRUPT, f->offset, RR_NO_EVENT,
		    "section \"%s\": field \"%s\": %s", s->sec[sec].name,
		    name, why);
		return RR_FAILED;
	}
	return RR_OK;
}

int
rr_snap_get_pages(const struct rr_snap *s, size_t sec, const char *name,
    uint8_t *mem, size_t size, struct rr_error *err)
{
	return get_pages(s, sec, name, mem, size, NULL, err);
}

int
rr_snap_get_pages_map(const struct rr_snap *s, size_t sec, const char *name,
    uint8_t *mem, size_t size, uint64_t *stored, struct rr_error *err)
{
	return get_pages(s, sec, name, mem, size, stored, err);
}

/* ---- JSON ---- */


/* The log's header view (json.c), plus what only a snapshot has. */
static json_t *
header_json(const struct rr_snap_meta *m)
{
	json_t *j;

	if ((j = rr_header_json(&m->hdr)) == NULL)
		return NULL;
	json_object_del(j, "type");
	json_object_set_new(j, "icount", rr_json_u64(m->icount));
	json_object_set_new(j, "state_hash", rr_json_hex64(m->state_hash));
	return j;
}

static json_t *
field_json(const char *sec, const struct field *f)
{
	json_t *j, *a, *v, *names;
	uint64_t i;
	char h[24];

	j = json_object();
	json_object_set_new(j, "name", json_string(f->name));
	json_object_set_new(j, "type", json_string(rr_snap_type_name(f->type)));
	if (f->offset != RR_NO_OFFSET)
		json_object_set_new(j, "offset", rr_json_u64(f->offset));
	switch (f->type) {
	case RR_SNAP_U64:
		v = rr_json_u64(f->u);
		break;
	case RR_SNAP_I64:
		v = json_integer((json_int_t)(int64_t)f->u);
		break;
	case RR_SNAP_BYTES:
		v = rr_json_hexbytes(f->data, f->len);
		break;
	case RR_SNAP_STRING:
		v = json_stringn((const char *)f->data, f->len);
		break;
	case RR_SNAP_U32S:
	case RR_SNAP_U64S:
		/* Register values: hex strings of the element's width. */
		v = a = json_array();
		for (i = 0; i < f->count; i++) {
			if (f->type == RR_SNAP_U32S)
				snprintf(h, sizeof(h), "0x%08lx",
				    (unsigned long)rr_le32(f->data + 4 * i));
			else
				snprintf(h, sizeof(h), "0x%016llx",
				    (unsigned long long)rr_le64(f->data +
				    8 * i));
			json_array_append_new(a, json_string(h));
		}
		if (rr_snap_element_name(sec, f->name, 0) != NULL) {
			names = json_array();
			for (i = 0; i < f->count; i++) {
				const char *n = rr_snap_element_name(sec,
				    f->name, i);

				json_array_append_new(names, n != NULL ?
				    json_string(n) : json_null());
			}
			json_object_set_new(j, "names", names);
		}
		break;
	case RR_SNAP_PAGES:
		v = json_object();
		json_object_set_new(v, "size", rr_json_u64(f->count));
		json_object_set_new(v, "pages", rr_json_u64(f->npages));
		json_object_set_new(v, "compressed", rr_json_u64(f->len));
		break;
	default:
		v = json_null();
		break;
	}
	json_object_set_new(j, "value", v);
	return j;
}

json_t *
rr_snap_json(const struct rr_snap *s)
{
	json_t *j, *secs, *sj, *fl;
	size_t i, k;

	if ((j = json_object()) == NULL)
		return NULL;
	json_object_set_new(j, "type", json_string("snapshot"));
	json_object_set_new(j, "header", header_json(&s->meta));
	secs = json_array();
	for (i = 0; i < s->n; i++) {
		sj = json_object();
		json_object_set_new(sj, "name", json_string(s->sec[i].name));
		if (s->sec[i].offset != RR_NO_OFFSET)
			json_object_set_new(sj, "offset",
			    rr_json_u64(s->sec[i].offset));
		fl = json_array();
		for (k = 0; k < s->sec[i].n; k++)
			json_array_append_new(fl, field_json(s->sec[i].name,
			    &s->sec[i].f[k]));
		json_object_set_new(sj, "fields", fl);
		json_array_append_new(secs, sj);
	}
	json_object_set_new(j, "sections", secs);
	if (s->skipped > 0)
		json_object_set_new(j, "skipped_fields", rr_json_u64(s->skipped));
	return j;
}
