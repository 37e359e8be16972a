/* mkdata: build a test log or snapshot from a readable description. */
/*
 * usage: mkdata desc out
 *
 * Each line of desc is one directive (tests/data/README).  Events go
 * through librr's writer; damage is applied to the bytes afterwards,
 * at offsets that may be counted from the end (-N) or from a block's
 * header (bK+N), so a description survives changes in sizes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"
#include "../../lib/internal.h"
#include "../../lib/format.h"
#include "../../emu/machine.h"

#define MAXTOK	80

static const char *desc_path;
static int lineno;

static _Noreturn void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkdata: %s:%d: ", desc_path, lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ---- tokens: words and "quoted strings" with C escapes ---- */

struct tok {
	char	*s;
	size_t	 len;
};

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Split line in place; quoted strings are unescaped where they stand. */
static int
tokenize(char *line, struct tok *t)
{
	char *p = line, *d;
	int n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '\n' || *p == '#')
			return n;
		if (n == MAXTOK)
			die("too many words");
		if (*p != '"') {
			t[n].s = p;
			while (*p != '\0' && *p != ' ' && *p != '\t' &&
			    *p != '\n')
				p++;
			t[n].len = (size_t)(p - t[n].s);
			if (*p != '\0')
				*p++ = '\0';
			n++;
			continue;
		}
		t[n].s = d = ++p;
		while (*p != '"') {
			if (*p == '\0' || *p == '\n')
				die("unterminated string");
			if (*p != '\\') {
				*d++ = *p++;
				continue;
			}
			p++;
			switch (*p) {
			case 'n': *d++ = '\n'; p++; break;
			case 'r': *d++ = '\r'; p++; break;
			case 't': *d++ = '\t'; p++; break;
			case '0': *d++ = '\0'; p++; break;
			case 'x':
				if (hexval(p[1]) < 0 || hexval(p[2]) < 0)
					die("bad \\x escape");
				*d++ = (char)(hexval(p[1]) << 4 | hexval(p[2]));
				p += 3;
				break;
			default:
				*d++ = *p++;
				break;
			}
		}
		t[n].len = (size_t)(d - t[n].s);
		p++;
		*d = '\0';
		n++;
	}
}

static uint64_t
num(const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || *s == '\0' || *s == '-')
		die("bad number '%s'", s);
	return v;
}

static int64_t
snum(const char *s)
{
	long long v;
	char *end;

	errno = 0;
	v = strtoll(s, &end, 0);
	if (errno != 0 || *end != '\0' || *s == '\0')
		die("bad number '%s'", s);
	return v;
}

static void
need(int n, int want, const char *what)
{
	if (n != want)
		die("usage: %s", what);
}

/* ---- the file as bytes, for damage ---- */

struct file {
	uint8_t	*p;
	size_t	 len;
};

static void
slurp(struct file *f, const char *path)
{
	FILE *fp;
	long n;

	if ((fp = fopen(path, "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0)
		die("%s: %s", path, strerror(errno));
	f->len = (size_t)n;
	if ((f->p = malloc(f->len + 1)) == NULL ||
	    fread(f->p, 1, f->len, fp) != f->len)
		die("%s: read error", path);
	fclose(fp);
}

static void
spill(const struct file *f, const char *path)
{
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(f->p, 1, f->len, fp) != f->len || fclose(fp) != 0)
		die("%s: write error", path);
}

/* Offset of block k's header, walking from the file header. */
static size_t
block_at(const struct file *f, uint64_t k)
{
	size_t off = rr_le32(f->p + 12);

	while (k-- > 0) {
		if (off + BLK_HDR > f->len ||
		    memcmp(f->p + off, BLK_MAGIC, 4) != 0)
			die("no block %llu", (unsigned long long)k);
		off += BLK_HDR + rr_le32(f->p + off + BH_COMP) + BLK_TRAILER;
	}
	if (off + BLK_HDR > f->len || memcmp(f->p + off, BLK_MAGIC, 4) != 0)
		die("no such block");
	return off;
}

/* N, -N (from the end), bK+N or bK-N (from block K's header). */
static size_t
where(const struct file *f, const char *s)
{
	char *end;
	uint64_t k;
	long long d;
	size_t base;

	if (s[0] == '-')
		return f->len - (size_t)num(s + 1);
	if (s[0] != 'b')
		return (size_t)num(s);
	errno = 0;
	k = strtoull(s + 1, &end, 10);
	base = block_at(f, k);
	if (*end == '\0')
		return base;
	d = snum(end);
	return (size_t)((long long)base + d);
}

static void
fix_header_crc(struct file *f, size_t b)
{
	rr_put32(f->p + b + BH_HEADER_CRC, rr_crc32c(0, f->p + b,
	    BH_HEADER_CRC));
}

static void
block_field(struct file *f, struct tok *t)
{
	static const struct {
		const char *name;
		int off, size;
	} fields[] = {
		{ "type", BH_TYPE, 1 }, { "flags", BH_FLAGS, 1 },
		{ "hsize", BH_HSIZE, 2 }, { "seq", BH_SEQ, 8 },
		{ "first_event", BH_FIRST_EVENT, 8 }, { "count", BH_COUNT, 4 },
		{ "lead", BH_LEAD, 4 }, { "icount_first", BH_ICOUNT_FIRST, 8 },
		{ "icount_last", BH_ICOUNT_LAST, 8 }, { "raw", BH_RAW, 4 },
		{ "comp", BH_COMP, 4 }
	};
	size_t b = block_at(f, num(t[1].s)), i;
	uint64_t v = num(t[3].s);

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].name, t[2].s) == 0)
			break;
	if (i == sizeof(fields) / sizeof(fields[0]))
		die("no block field '%s'", t[2].s);
	if (fields[i].size == 1)
		f->p[b + fields[i].off] = (uint8_t)v;
	else if (fields[i].size == 2)
		rr_put16(f->p + b + fields[i].off, (uint16_t)v);
	else if (fields[i].size == 4)
		rr_put32(f->p + b + fields[i].off, (uint32_t)v);
	else
		rr_put64(f->p + b + fields[i].off, v);
	fix_header_crc(f, b);
}

/*
 * Poke bytes into block k's decompressed payload, recompress, and fix
 * sizes and CRCs.  The block may change size, so the log must have no
 * footer (its offsets would be wrong): use after noclose or chop-footer.
 */
static void
raw_poke(struct file *f, struct tok *t, int n)
{
	size_t b = block_at(f, num(t[1].s)), off = (size_t)num(t[2].s);
	uint32_t raw = rr_le32(f->p + b + BH_RAW);
	uint32_t comp = rr_le32(f->p + b + BH_COMP);
	size_t old = BLK_HDR + comp + BLK_TRAILER, newcomp, i, cap;
	uint8_t *rbuf, *nb;
	struct file g;
	int k;

	if (f->len >= 16 && memcmp(f->p + f->len - 8, TRAILER_MAGIC, 8) == 0)
		die("raw-poke needs a log without footer");
	if ((rbuf = malloc(raw)) == NULL ||
	    ZSTD_decompress(rbuf, raw, f->p + b + BLK_HDR, comp) != raw)
		die("raw-poke: cannot decompress block");
	for (k = 3; k < n; k++)
		for (i = 0; i + 1 < t[k].len; i += 2) {
			if (off >= raw)
				die("raw-poke past the payload");
			rbuf[off++] = (uint8_t)(hexval(t[k].s[i]) << 4 |
			    hexval(t[k].s[i + 1]));
		}
	cap = ZSTD_compressBound(raw);
	g.len = f->len - old + BLK_HDR + cap + BLK_TRAILER;
	if ((g.p = malloc(g.len)) == NULL || (nb = malloc(cap)) == NULL)
		die("out of memory");
	newcomp = ZSTD_compress(nb, cap, rbuf, raw, 3);
	if (ZSTD_isError(newcomp))
		die("raw-poke: cannot compress");
	memcpy(g.p, f->p, b + BLK_HDR);
	memcpy(g.p + b + BLK_HDR, nb, newcomp);
	rr_put32(g.p + b + BH_COMP, (uint32_t)newcomp);
	rr_put32(g.p + b + BH_PAYLOAD_CRC, rr_crc32c(0, nb, newcomp));
	fix_header_crc(&g, b);
	rr_put32(g.p + b + BLK_HDR + newcomp,
	    (uint32_t)(BLK_HDR + newcomp + BLK_TRAILER));
	memcpy(g.p + b + BLK_HDR + newcomp + BLK_TRAILER, f->p + b + old,
	    f->len - b - old);
	g.len = b + BLK_HDR + newcomp + BLK_TRAILER + (f->len - b - old);
	free(f->p);
	free(rbuf);
	free(nb);
	*f = g;
}

/* Blocks K and K+1 change places (a reordered copy). */
static void
swap_blocks(struct file *f, uint64_t k)
{
	size_t a = block_at(f, k), b = block_at(f, k + 1), e;
	size_t la, lb;
	uint8_t *tmp;

	e = b + BLK_HDR + rr_le32(f->p + b + BH_COMP) + BLK_TRAILER;
	la = b - a;
	lb = e - b;
	if ((tmp = malloc(la + lb)) == NULL)
		die("out of memory");
	memcpy(tmp, f->p + b, lb);
	memcpy(tmp + lb, f->p + a, la);
	memcpy(f->p + a, tmp, la + lb);
	free(tmp);
}

/* Block K twice in a row (a duplicated write). */
static void
dup_block(struct file *f, uint64_t k)
{
	size_t a = block_at(f, k), l;
	uint8_t *p;

	l = BLK_HDR + rr_le32(f->p + a + BH_COMP) + BLK_TRAILER;
	if ((p = malloc(f->len + l)) == NULL)
		die("out of memory");
	memcpy(p, f->p, a + l);
	memcpy(p + a + l, f->p + a, f->len - a);
	free(f->p);
	f->p = p;
	f->len += l;
}

/* Set a field of footer index entry K, and fix the footer's CRC: a lie. */
static void
index_field(struct file *f, struct tok *t)
{
	static const struct {
		const char *name;
		int off, size;
	} fields[] = {
		{ "offset", IE_OFFSET, 8 }, { "first_event", IE_FIRST_EVENT, 8 },
		{ "icount_first", IE_ICOUNT_FIRST, 8 },
		{ "icount_last", IE_ICOUNT_LAST, 8 }, { "count", IE_COUNT, 4 },
		{ "size", IE_SIZE, 4 }
	};
	size_t foot, e, i;
	uint64_t n, k = num(t[1].s), v = num(t[3].s);

	if (f->len < TRAILER_LEN ||
	    memcmp(f->p + f->len - 8, TRAILER_MAGIC, 8) != 0)
		die("index-field: no footer");
	foot = (size_t)rr_le64(f->p + f->len - TRAILER_LEN);
	n = rr_le64(f->p + foot + 8);
	if (k >= n)
		die("index-field: no entry %llu", (unsigned long long)k);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].name, t[2].s) == 0)
			break;
	if (i == sizeof(fields) / sizeof(fields[0]))
		die("no index field '%s'", t[2].s);
	e = foot + IDX_HDR + (size_t)k * IDX_ENTRY + (size_t)fields[i].off;
	if (fields[i].size == 4)
		rr_put32(f->p + e, (uint32_t)v);
	else
		rr_put64(f->p + e, v);
	e = foot + IDX_HDR + (size_t)n * IDX_ENTRY + 16;
	rr_put32(f->p + e, rr_crc32c(0, f->p + foot, e - foot));
}

/*
 * Insert a block of type TYPE holding data before block K, as a newer
 * minor version may write one: no events, its instruction counts the
 * previous block's last, the sequence numbers after it moved on by one,
 * and the footer index rebuilt with an entry for it.
 */
static void
unknown_block(struct file *f, struct tok *t)
{
	size_t b = block_at(f, num(t[1].s)), prev, foot, off, l, cap, comp;
	uint64_t n = 0, tail[2], seq;
	uint8_t *p, *q, *nb;

	if (num(t[1].s) == 0)
		die("unknown-block: not before block 0");
	if (f->len < TRAILER_LEN ||
	    memcmp(f->p + f->len - 8, TRAILER_MAGIC, 8) != 0)
		die("unknown-block: needs a footer");
	prev = block_at(f, num(t[1].s) - 1);
	foot = (size_t)rr_le64(f->p + f->len - TRAILER_LEN);
	n = rr_le64(f->p + foot + 8);
	tail[0] = rr_le64(f->p + foot + IDX_HDR + n * IDX_ENTRY);
	tail[1] = rr_le64(f->p + foot + IDX_HDR + n * IDX_ENTRY + 8);
	cap = ZSTD_compressBound(t[3].len);
	if ((nb = malloc(cap)) == NULL)
		die("out of memory");
	comp = ZSTD_compress(nb, cap, t[3].s, t[3].len, 3);
	if (ZSTD_isError(comp))
		die("unknown-block: cannot compress");
	l = BLK_HDR + comp + BLK_TRAILER;
	/* Old blocks, the new one among them, and a footer of n + 1. */
	if ((p = calloc(1, foot + l + IDX_HDR + (n + 1) * IDX_ENTRY +
	    IDX_TAIL + TRAILER_LEN)) == NULL)
		die("out of memory");
	memcpy(p, f->p, b);
	q = p + b;
	memcpy(q, BLK_MAGIC, 4);
	q[BH_TYPE] = (uint8_t)num(t[2].s);
	rr_put16(q + BH_HSIZE, BLK_HDR);
	rr_put64(q + BH_SEQ, rr_le64(f->p + b + BH_SEQ));
	rr_put64(q + BH_ICOUNT_FIRST, rr_le64(f->p + prev + BH_ICOUNT_LAST));
	rr_put64(q + BH_ICOUNT_LAST, rr_le64(f->p + prev + BH_ICOUNT_LAST));
	rr_put32(q + BH_RAW, (uint32_t)t[3].len);
	rr_put32(q + BH_COMP, (uint32_t)comp);
	memcpy(q + BLK_HDR, nb, comp);
	rr_put32(q + BH_PAYLOAD_CRC, rr_crc32c(0, nb, comp));
	rr_put32(q + BH_HEADER_CRC, rr_crc32c(0, q, BH_HEADER_CRC));
	rr_put32(q + BLK_HDR + comp, (uint32_t)l);
	memcpy(p + b + l, f->p + b, foot - b);
	free(nb);
	free(f->p);
	f->p = p;
	f->len = foot + l;
	for (off = b + l; off < f->len; off += BLK_HDR +
	    rr_le32(f->p + off + BH_COMP) + BLK_TRAILER) {
		seq = rr_le64(f->p + off + BH_SEQ);
		rr_put64(f->p + off + BH_SEQ, seq + 1);
		fix_header_crc(f, off);
	}
	/* The footer: one entry per block, as the headers say. */
	foot = f->len;
	q = f->p + foot;
	memcpy(q, IDX_MAGIC, 4);
	rr_put32(q + 4, IDX_ENTRY);
	rr_put64(q + 8, n + 1);
	q += IDX_HDR;
	for (off = rr_le32(f->p + 12); off < foot; off += BLK_HDR +
	    rr_le32(f->p + off + BH_COMP) + BLK_TRAILER, q += IDX_ENTRY) {
		rr_put64(q + IE_OFFSET, off);
		rr_put64(q + IE_FIRST_EVENT, rr_le64(f->p + off +
		    BH_FIRST_EVENT));
		rr_put64(q + IE_ICOUNT_FIRST, rr_le64(f->p + off +
		    BH_ICOUNT_FIRST));
		rr_put64(q + IE_ICOUNT_LAST, rr_le64(f->p + off +
		    BH_ICOUNT_LAST));
		rr_put32(q + IE_COUNT, rr_le32(f->p + off + BH_COUNT));
		rr_put32(q + IE_SIZE, BLK_HDR + rr_le32(f->p + off + BH_COMP) +
		    BLK_TRAILER);
	}
	rr_put64(q, tail[0]);
	rr_put64(q + 8, tail[1]);
	rr_put32(q + 16, rr_crc32c(0, f->p + foot, (size_t)(q + 16 -
	    (f->p + foot))));
	q += IDX_TAIL;
	rr_put64(q, foot);
	memcpy(q + 8, TRAILER_MAGIC, 8);
	f->len = (size_t)(q + TRAILER_LEN - f->p);
}

static void
damage(struct file *f, struct tok *t, int n)
{
	size_t off, i;
	uint32_t hsize;

	if (strcmp(t[0].s, "truncate") == 0) {
		need(n, 2, "truncate SIZE|-N");
		f->len = where(f, t[1].s);
	} else if (strcmp(t[0].s, "flip") == 0) {
		need(n, 3, "flip OFFSET XOR");
		if ((off = where(f, t[1].s)) >= f->len)
			die("flip past the end");
		f->p[off] ^= (uint8_t)num(t[2].s);
	} else if (strcmp(t[0].s, "poke") == 0) {
		if (n < 3)
			die("usage: poke OFFSET HEXBYTES...");
		off = where(f, t[1].s);
		for (n--; n >= 2; n--, t++)
			for (i = 0; i + 1 < t[2].len; i += 2) {
				if (off >= f->len)
					die("poke past the end");
				f->p[off++] = (uint8_t)(hexval(t[2].s[i]) << 4 |
				    hexval(t[2].s[i + 1]));
			}
	} else if (strcmp(t[0].s, "chop-footer") == 0) {
		if (f->len < TRAILER_LEN ||
		    memcmp(f->p + f->len - 8, TRAILER_MAGIC, 8) != 0)
			die("no footer to chop");
		f->len = (size_t)rr_le64(f->p + f->len - TRAILER_LEN);
	} else if (strcmp(t[0].s, "version") == 0) {
		/* A version the writer would not write: fix the CRC after. */
		need(n, 3, "version MAJOR MINOR");
		rr_put16(f->p + 8, (uint16_t)num(t[1].s));
		rr_put16(f->p + 10, (uint16_t)num(t[2].s));
		hsize = rr_le32(f->p + 12);
		rr_put32(f->p + hsize - 4, rr_crc32c(0, f->p, hsize - 4));
	} else if (strcmp(t[0].s, "fix-header-crc") == 0) {
		/* After a poke into the header's fields, as a newer writer. */
		hsize = rr_le32(f->p + 12);
		rr_put32(f->p + hsize - 4, rr_crc32c(0, f->p, hsize - 4));
	} else if (strcmp(t[0].s, "block-field") == 0) {
		need(n, 4, "block-field K FIELD VALUE");
		block_field(f, t);
	} else if (strcmp(t[0].s, "swap-blocks") == 0) {
		need(n, 2, "swap-blocks K");
		swap_blocks(f, num(t[1].s));
	} else if (strcmp(t[0].s, "dup-block") == 0) {
		need(n, 2, "dup-block K");
		dup_block(f, num(t[1].s));
	} else if (strcmp(t[0].s, "index-field") == 0) {
		need(n, 4, "index-field K FIELD VALUE");
		index_field(f, t);
	} else if (strcmp(t[0].s, "unknown-block") == 0) {
		need(n, 4, "unknown-block K TYPE \"data\"");
		unknown_block(f, t);
	} else if (strcmp(t[0].s, "raw-poke") == 0) {
		if (n < 4)
			die("usage: raw-poke K OFFSET HEXBYTES...");
		raw_poke(f, t, n);
	} else
		die("unknown directive '%s'", t[0].s);
}

/* ---- logs ---- */

static void
check(struct rr_writer *w, int rc)
{
	if (rc != RR_OK)
		die("writer: %s", rr_writer_error(w)->msg);
}

static void	use_machine(struct rr_header *h);

static void
header_field(struct rr_header *h, struct rr_writer_options *o, char *kv)
{
	char *v = strchr(kv, '=');
	size_t i;

	if (v == NULL)
		die("header: want key=value, not '%s'", kv);
	*v++ = '\0';
	if (strcmp(kv, "machine") == 0 && strcmp(v, "emu") == 0)
		use_machine(h);
	else if (strcmp(kv, "machine") == 0)
		snprintf(h->machine, sizeof(h->machine), "%s", v);
	else if (strcmp(kv, "isa") == 0)
		snprintf(h->isa, sizeof(h->isa), "%s", v);
	else if (strcmp(kv, "devices") == 0)
		snprintf(h->devices, sizeof(h->devices), "%s", v);
	else if (strcmp(kv, "tool_version") == 0)
		snprintf(h->tool_version, sizeof(h->tool_version), "%s", v);
	else if (strcmp(kv, "ram_base") == 0)
		h->ram_base = num(v);
	else if (strcmp(kv, "ram_size") == 0)
		h->ram_size = num(v);
	else if (strcmp(kv, "clock_shift") == 0)
		h->clock_shift = (uint32_t)num(v);
	else if (strcmp(kv, "image_hash") == 0)
		h->image_hash = num(v);
	else if (strcmp(kv, "created") == 0)
		h->created = snum(v);
	else if (strcmp(kv, "checkpoint_interval") == 0)
		h->checkpoint_interval = num(v);
	else if (strcmp(kv, "keyframe_interval") == 0)
		h->keyframe_interval = num(v);
	else if (strcmp(kv, "origin_event") == 0) {
		h->origin_event = num(v);
		h->has_origin = 1;
	} else if (strcmp(kv, "origin_icount") == 0)
		h->origin_icount = num(v);
	else if (strcmp(kv, "origin_flags") == 0)
		h->origin_flags = (uint32_t)num(v);
	else if (strcmp(kv, "gaps") == 0)
		h->gaps = num(v);
	else if (strcmp(kv, "dtb_hash") == 0)
		h->dtb_hash = num(v);
	else if (strcmp(kv, "semihosting") == 0)
		h->semihosting = (uint32_t)num(v);
	else if (strcmp(kv, "clock_base") == 0) {
		h->clock_base = num(v);
		h->clock_vm = 1;
	} else if (strcmp(kv, "entropy_seed") == 0) {
		h->entropy_seed = num(v);
		h->entropy_seeded = 1;
	} else if (strcmp(kv, "block_size") == 0)
		o->block_size = (uint32_t)num(v);
	else if (strcmp(kv, "recording_id") == 0 ||
	    strcmp(kv, "host_from") == 0) {
		if (strlen(v) != 32)
			die("%s: 32 hex digits", kv);
		for (i = 0; i < 16; i++)
			(kv[0] == 'r' ? h->recording_id : h->host_from)[i] =
			    (uint8_t)(hexval(v[2 * i]) << 4 |
			    hexval(v[2 * i + 1]));
		h->has_host_from |= kv[0] == 'h';
	} else
		die("header: unknown field '%s'", kv);
}

/*
 * `header machine=emu`: the log describes a real rr-virt32 (ram_size and
 * clock_shift as given before it), so `keyframe IC machine` and
 * `checkpoint IC machine` can write its true snapshot and state hash.
 */
static struct machine mach;
static int have_mach;
static struct rr_header mach_hdr;

static void
use_machine(struct rr_header *h)
{
	struct rr_header own;

	if (machine_init(&mach, (uint32_t)h->ram_size, h->clock_shift) != 0)
		die("machine: %s", mach.err.msg);
	machine_header(&mach, &own);
	memcpy(h->machine, own.machine, sizeof(h->machine));
	memcpy(h->isa, own.isa, sizeof(h->isa));
	memcpy(h->devices, own.devices, sizeof(h->devices));
	h->ram_base = own.ram_base;
	have_mach = 1;
}

static void
machine_keyframe(struct rr_writer *w, uint64_t ic)
{
	struct rr_snap *s;
	uint8_t *buf;
	size_t len;

	if (!have_mach)
		die("keyframe IC machine: needs header machine=emu");
	mach.icount = ic;
	if (machine_save(&mach, &mach_hdr, &s) != 0 ||
	    rr_snap_encode(s, &buf, &len) != RR_OK)
		die("machine snapshot failed");
	check(w, rr_writer_keyframe(w, ic, buf, len));
	free(buf);
	rr_snap_free(s);
}

static void
machine_checkpoint(struct rr_writer *w, uint64_t ic, uint64_t add)
{
	struct rr_part parts[RR_PARTS_MAX];
	uint32_t n = 0;
	uint64_t hash;

	if (!have_mach)
		die("checkpoint IC machine: needs header machine=emu");
	mach.icount = ic;
	hash = machine_hash(&mach, parts, &n);
	check(w, rr_writer_checkpoint(w, ic, hash + add, parts, n));
}

/* One event line (t[0] is its kind) at icount ic. */
static void
event(struct rr_writer *w, struct tok *t, int n, uint64_t ic, uint64_t add)
{
	struct rr_part parts[RR_PARTS_MAX];
	struct rr_event ev;
	uint8_t *buf;
	size_t i, len;
	char *eq;

	if (strcmp(t[0].s, "clock") == 0) {
		need(n, 3, "clock IC NS");
		check(w, rr_writer_clock(w, ic, num(t[2].s) + add));
	} else if (strcmp(t[0].s, "entropy") == 0) {
		need(n, 3, "entropy IC VALUE");
		check(w, rr_writer_entropy(w, ic, (uint32_t)(num(t[2].s) +
		    add)));
	} else if (strcmp(t[0].s, "bh") == 0) {
		need(n, 5, "bh IC DEVICE KIND \"data\"");
		check(w, rr_writer_bh(w, ic, (uint32_t)num(t[2].s),
		    (uint32_t)num(t[3].s), t[4].s, t[4].len));
	} else if (strcmp(t[0].s, "output") == 0) {
		need(n, 4, "output IC DEVICE \"data\"");
		check(w, rr_writer_output(w, ic, (uint32_t)num(t[2].s),
		    t[3].s, t[3].len));
	} else if (strcmp(t[0].s, "checkpoint") == 0 && n >= 3 &&
	    strncmp(t[2].s, "machine", 7) == 0) {
		/* machine+N: a hash that is off by N, for damage. */
		machine_checkpoint(w, ic, t[2].s[7] == '+' ? num(t[2].s + 8) :
		    0);
	} else if (strcmp(t[0].s, "keyframe") == 0 && n == 3 &&
	    strcmp(t[2].s, "machine") == 0) {
		machine_keyframe(w, ic);
	} else if (strcmp(t[0].s, "checkpoint") == 0) {
		if (n < 3 || n - 3 > (int)RR_PARTS_MAX)
			die("usage: checkpoint IC HASH [PART=HASH...]");
		for (i = 0; i < (size_t)(n - 3); i++) {
			if ((eq = strchr(t[3 + i].s, '=')) == NULL)
				die("checkpoint part: want ID=HASH");
			*eq = '\0';
			parts[i].id = (uint32_t)num(t[3 + i].s);
			parts[i].hash = num(eq + 1);
		}
		check(w, rr_writer_checkpoint(w, ic, num(t[2].s) + add, parts,
		    (uint32_t)(n - 3)));
	} else if (strcmp(t[0].s, "keyframe") == 0) {
		need(n, 3, "keyframe IC \"data\"|size=N");
		if (strncmp(t[2].s, "size=", 5) != 0) {
			check(w, rr_writer_keyframe(w, ic, t[2].s, t[2].len));
			return;
		}
		/* Filler that compresses a little, like a real image. */
		len = (size_t)num(t[2].s + 5);
		if ((buf = malloc(len + 1)) == NULL)
			die("out of memory");
		for (i = 0; i < len; i++)
			buf[i] = (uint8_t)(i % 251 < 64 ? i * 7 : 0);
		check(w, rr_writer_keyframe(w, ic, buf, len));
		free(buf);
	} else if (strcmp(t[0].s, "mark") == 0) {
		need(n, 3, "mark IC \"text\"");
		check(w, rr_writer_mark(w, ic, t[2].s));
	} else if (strcmp(t[0].s, "event") == 0) {
		need(n, 4, "event IC KIND \"payload\"");
		memset(&ev, 0, sizeof(ev));
		ev.icount = ic;
		ev.kind = (uint32_t)num(t[2].s);
		ev.data = (const uint8_t *)t[3].s;
		ev.len = t[3].len;
		/* The payload as stored, whatever the kind. */
		ev.raw = ev.data;
		ev.raw_len = ev.len;
		check(w, rr_writer_event(w, &ev));
	} else
		die("unknown directive '%s'", t[0].s);
}

static int
mklog(FILE *in, const char *out)
{
	/* Keyframes inside blocks, as older writers made them. */
	struct rr_writer_options o = { 0, 0, 1, 0, 1, NULL, 0 };
	struct rr_writer *w = NULL;
	struct rr_header h;
	struct rr_error err;
	struct file f;
	struct tok t[MAXTOK];
	char line[4096];
	uint64_t k, times, step;
	int n, closed = 0, damaged = 0;

	rr_header_init(&h);
	snprintf(h.machine, sizeof(h.machine), "rr-virt32");
	snprintf(h.isa, sizeof(h.isa), "rv32imac_zicsr_zifencei");
	snprintf(h.devices, sizeof(h.devices), "clint,uart,rtc,finisher");
	snprintf(h.tool_version, sizeof(h.tool_version), "mkdata");
	h.ram_base = 0x80000000u;
	h.ram_size = 1u << 20;
	h.created = 1700000000;
	f.p = NULL;
	f.len = 0;
	while (fgets(line, sizeof(line), in) != NULL) {
		lineno++;
		if ((n = tokenize(line, t)) == 0)
			continue;
		if (strcmp(t[0].s, "header") == 0 && w == NULL) {
			while (--n > 0)
				header_field(&h, &o, t[n].s);
			continue;
		}
		if (strcmp(t[0].s, "block_size") == 0 && w == NULL) {
			need(n, 2, "block_size N");
			o.block_size = (uint32_t)num(t[1].s);
			continue;
		}
		if (!closed && w == NULL) {
			if (rr_writer_open(&w, out, &h, &o, &err) != RR_OK)
				die("%s: %s", out, err.msg);
			/*
			 * A keyframe is the recording's state: a piece's
			 * provenance is its log's, not its keyframe's (as
			 * rrcut copies it from the parent).
			 */
			mach_hdr = h;
			mach_hdr.has_origin = 0;
			mach_hdr.origin_event = mach_hdr.origin_icount = 0;
			mach_hdr.origin_flags = 0;
			mach_hdr.gaps = 0;
		}
		if (closed) {
			if (!damaged)
				slurp(&f, out);
			damaged = 1;
			damage(&f, t, n);
		} else if (strcmp(t[0].s, "flush") == 0) {
			check(w, rr_writer_flush(w));
		} else if (strcmp(t[0].s, "end") == 0) {
			if (n < 4 || n > 5)
				die("usage: end IC STATUS REASON [\"text\"]");
			for (k = 0; k < 5; k++)
				if (strcmp(rr_end_reason_name((uint32_t)k),
				    t[3].s) == 0)
					break;
			if (k == 5)
				die("end: unknown reason '%s'", t[3].s);
			if (rr_writer_close(w, num(t[1].s), snum(t[2].s),
			    (uint32_t)k, n == 5 ? t[4].s : NULL, &err) != RR_OK)
				die("close: %s", err.msg);
			w = NULL;
			closed = 1;
		} else if (strcmp(t[0].s, "noclose") == 0) {
			/* As a killed recorder: complete blocks, no END. */
			check(w, rr_writer_flush(w));
			rr_writer_abort(w);
			w = NULL;
			closed = 1;
		} else if (strcmp(t[0].s, "repeat") == 0) {
			if (n < 4)
				die("usage: repeat TIMES STEP EVENT...");
			times = num(t[1].s);
			step = num(t[2].s);
			for (k = 0; k < times; k++)
				event(w, t + 3, n - 3, num(t[4].s) + k * step,
				    k);
		} else
			event(w, t, n, n > 1 ? num(t[1].s) : 0, 0);
	}
	if (!closed)
		die("no end or noclose");
	if (damaged)
		spill(&f, out);
	free(f.p);
	return 0;
}

/* ---- snapshots ---- */

static int
mksnap(FILE *in, const char *out)
{
	struct rr_snap_meta m;
	struct rr_snap *s = NULL;
	struct rr_error err;
	struct tok t[MAXTOK];
	char line[4096];
	uint32_t u32[MAXTOK];
	uint64_t u64[MAXTOK];
	struct file f = { NULL, 0 };
	uint8_t *mem;
	size_t size, i;
	int n;

	memset(&m, 0, sizeof(m));
	rr_header_init(&m.hdr);
	snprintf(m.hdr.machine, sizeof(m.hdr.machine), "rr-virt32");
	snprintf(m.hdr.tool_version, sizeof(m.hdr.tool_version), "mkdata");
	m.hdr.ram_base = 0x80000000u;
	m.hdr.ram_size = 1u << 16;
	while (fgets(line, sizeof(line), in) != NULL) {
		lineno++;
		if ((n = tokenize(line, t)) == 0)
			continue;
		if (strcmp(t[0].s, "snapshot") == 0) {
			need(n, 3, "snapshot ICOUNT STATE_HASH");
			m.icount = num(t[1].s);
			m.state_hash = num(t[2].s);
			if (rr_snap_new(&s, &m) != RR_OK)
				die("rr_snap_new failed");
			continue;
		}
		if (s == NULL && f.p == NULL)
			die("snapshot first");
		if (strcmp(t[0].s, "truncate") == 0 ||
		    strcmp(t[0].s, "flip") == 0 || strcmp(t[0].s, "poke") == 0) {
			/* Damage: write the snapshot as it stands, then hurt it. */
			if (s != NULL) {
				if (rr_snap_write(s, out, NULL, 0, &err) != RR_OK)
					die("%s: %s", out, err.msg);
				rr_snap_free(s);
				s = NULL;
				slurp(&f, out);
			}
			damage(&f, t, n);
			continue;
		}
		if (s == NULL)
			die("fields after damage");
		if (strcmp(t[0].s, "section") == 0) {
			need(n, 2, "section NAME");
			if (rr_snap_begin(s, t[1].s) != RR_OK)
				die("section refused");
			continue;
		}
		if (n < 3)
			die("usage: TYPE NAME VALUE...");
		if (strcmp(t[0].s, "u64") == 0)
			n = rr_snap_put_u64(s, t[1].s, num(t[2].s));
		else if (strcmp(t[0].s, "i64") == 0)
			n = rr_snap_put_i64(s, t[1].s, snum(t[2].s));
		else if (strcmp(t[0].s, "string") == 0)
			n = rr_snap_put_string(s, t[1].s, t[2].s);
		else if (strcmp(t[0].s, "bytes") == 0)
			n = rr_snap_put_bytes(s, t[1].s, t[2].s, t[2].len);
		else if (strcmp(t[0].s, "u32s") == 0 ||
		    strcmp(t[0].s, "u64s") == 0) {
			for (i = 0; i < (size_t)n - 2; i++) {
				u64[i] = num(t[2 + i].s);
				u32[i] = (uint32_t)u64[i];
			}
			n = t[0].s[1] == '3' ?
			    rr_snap_put_u32s(s, t[1].s, u32, i) :
			    rr_snap_put_u64s(s, t[1].s, u64, i);
		} else if (strcmp(t[0].s, "pages") == 0) {
			/* pages NAME SIZE [PAGE=BYTE...]: filled pages. */
			size = (size_t)num(t[2].s);
			if ((mem = calloc(1, size)) == NULL)
				die("out of memory");
			for (i = 3; i < (size_t)n; i++) {
				char *eq = strchr(t[i].s, '=');
				uint64_t pg;

				if (eq == NULL)
					die("pages: want PAGE=BYTE");
				*eq = '\0';
				if ((pg = num(t[i].s)) >= size / RR_SNAP_PAGE)
					die("pages: no page %s", t[i].s);
				memset(mem + pg * RR_SNAP_PAGE,
				    (int)num(eq + 1), RR_SNAP_PAGE);
			}
			n = rr_snap_put_pages(s, t[1].s, mem, size);
			free(mem);
		} else
			die("unknown field type '%s'", t[0].s);
		if (n != RR_OK)
			die("field refused");
	}
	if (f.p != NULL) {
		spill(&f, out);
		free(f.p);
		return 0;
	}
	if (s == NULL)
		die("empty snapshot");
	if (rr_snap_write(s, out, NULL, 0, &err) != RR_OK)
		die("%s: %s", out, err.msg);
	rr_snap_free(s);
	return 0;
}

int
main(int argc, char **argv)
{
	FILE *in;
	char first[64];
	int c, rc;

	if (argc != 3) {
		fprintf(stderr, "usage: mkdata desc out\n");
		return 2;
	}
	desc_path = argv[1];
	if ((in = fopen(desc_path, "r")) == NULL) {
		fprintf(stderr, "mkdata: %s: %s\n", desc_path,
		    strerror(errno));
		return 2;
	}
	/* A description whose first directive is "snapshot" makes one. */
	first[0] = '\0';
	while ((c = fscanf(in, "%63s", first)) == 1 && first[0] == '#')
		while ((c = fgetc(in)) != EOF && c != '\n')
			;
	rewind(in);
	rc = strcmp(first, "snapshot") == 0 ? mksnap(in, argv[2]) :
	    mklog(in, argv[2]);
	fclose(in);
	return rc;
}
