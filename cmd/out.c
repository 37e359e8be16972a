/* Front-end buffered standard output, formatted by hand for speed. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "msg.h"
#include "out.h"

struct cmd_out cmd_out;

/* -o's file, while one is open (file.path set). */
static struct rr_output file;

/* The whole buffer to -o's file; 0, or -1 with errno. */
static int
write_file(void)
{
	size_t done = 0;
	ssize_t k;

	while (done < cmd_out.len) {
		k = write(file.fd, cmd_out.buf + done, cmd_out.len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		done += (size_t)k;
	}
	return 0;
}

int
cmd_flush(void)
{
	int bad;

	if (cmd_out.len == 0)
		return cmd_out.err ? -1 : 0;
	if (!cmd_out.err) {
		errno = 0;
		bad = file.path != NULL ? write_file() != 0 :
		    fwrite(cmd_out.buf, 1, cmd_out.len, stdout) != cmd_out.len;
		if (bad) {
			cmd_out.err = errno ? errno : EIO;
			/* Report once; later output is dropped. */
			cmd_out.len = 0;
			cmd_syserr(file.path != NULL ? rr_output_name(file.path) :
			    "stdout", cmd_out.err, "write error");
			cmd_status(CMD_EXIT_FAIL);
		}
	}
	cmd_out.len = 0;
	return cmd_out.err ? -1 : 0;
}

int
cmd_out_file(const char *path, char *const *inputs, int n)
{
	struct rr_fileid ids[64];
	struct rr_error e;
	size_t nid = 0;
	int i;

	if (strcmp(path, "-") == 0)
		return 0;
	for (i = 0; i < n && nid < sizeof(ids) / sizeof(ids[0]); i++)
		if (rr_fileid_path(inputs[i], &ids[nid]) == 0)
			nid++;
	cmd_flush();
	if (rr_output_open(&file, path, 0, ids, nid, &e) != RR_OK) {
		memset(&file, 0, sizeof(file));
		cmd_rrerr(rr_output_name(path), &e);
		cmd_status(CMD_EXIT_FAIL);
		return -1;
	}
	return 0;
}

int
cmd_out_finish(int ok)
{
	struct rr_error e;
	char name[PATH_MAX];

	if (file.path == NULL)
		return 0;
	snprintf(name, sizeof(name), "%s", file.path);
	/* Either leaves file cleared (rr_output_abort). */
	if (!ok || cmd_out.err) {
		rr_output_abort(&file);
		return 0;
	}
	if (rr_output_commit(&file, &e) != RR_OK) {
		cmd_rrerr(name, &e);
		return -1;
	}
	return 0;
}

/* cmd_put when the buffer has no room for all of it. */
void
cmd_put_slow(const void *p, size_t n)
{
	const char *s = p;
	size_t k;

	while (n > 0) {
		k = CMD_OUT_SIZE - cmd_out.len;
		if (k == 0) {
			cmd_flush();
			continue;
		}
		if (k > n)
			k = n;
		memcpy(cmd_out.buf + cmd_out.len, s, k);
		cmd_out.len += k;
		s += k;
		n -= k;
	}
}

/* Digit pairs "00".."99": two digits a division. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

/* 10^n for n = 0..19: the digit count by comparisons, no division. */
static const uint64_t pow10_u64[20] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
	10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
	100000000000ull, 1000000000000ull, 10000000000000ull,
	100000000000000ull, 1000000000000000ull, 10000000000000000ull,
	100000000000000000ull, 1000000000000000000ull,
	10000000000000000000ull
};

/* v < 10^8 as digit pairs, written backwards from d, n digits in all. */
static char *
put_low(char *d, uint32_t v, size_t n)
{
	unsigned r;

	for (; n >= 2; n -= 2) {
		r = (v % 100) * 2;
		v /= 100;
		*--d = digit_pairs[r + 1];
		*--d = digit_pairs[r];
	}
	if (n == 1)
		*--d = (char)('0' + v);
	return d;
}

/*
 * The number of decimal digits of v: log10(2) is about 1233/4096, so the
 * bit length gives the count or one less, and one comparison decides.
 */
static size_t
digits_u64(uint64_t v)
{
	unsigned t = ((64u - (unsigned)__builtin_clzll(v | 1)) * 1233u) >> 12;

	return t + ((v | 1) >= pow10_u64[t]);
}

/* v's n decimal digits, written backwards from d (the end). */
static void
put_digits(char *d, uint64_t v, size_t n)
{
	/* Eight digits at a time in 32 bits: shorter chains of divisions. */
	while (n > 8) {
		d = put_low(d, (uint32_t)(v % 100000000u), 8);
		v /= 100000000u;
		n -= 8;
	}
	put_low(d, (uint32_t)v, n);
}

void
cmd_putu(uint64_t v)
{
	size_t n = digits_u64(v);

	/* Written from the end straight into the buffer: no copy. */
	put_digits(cmd_room(n) + n, v, n);
	cmd_out.len += n;
}

void
cmd_numcache_set(struct cmd_numcache *c, uint64_t v)
{
	size_t i;

	if (c->len != 0 && v == c->v + 1) {
		/* One more: carry from the last digit. */
		for (i = c->len; i > 0 && c->s[i - 1] == '9'; i--)
			c->s[i - 1] = '0';
		if (i > 0)
			c->s[i - 1]++;
		else {
			memmove(c->s + 1, c->s, c->len);
			c->s[0] = '1';
			c->len++;
		}
	} else if (c->len != 0 && c->v >= 100u && v / 100u == c->v / 100u)
		/*
		 * Only the low two digits change (an icount a few
		 * instructions on): the digits above them, at least one,
		 * are the same, and so is the length.
		 */
		put_low(c->s + c->len, (uint32_t)(v % 100u), 2);
	else if (c->len != 0 && c->v >= 10000u && v / 10000u == c->v / 10000u)
		put_low(c->s + c->len, (uint32_t)(v % 10000u), 4);
	else if (c->len != 0 && v >= 100000000u && c->v >= 100000000u &&
	    v / 100000000u == c->v / 100000000u)
		/* Only the low eight digits change. */
		put_low(c->s + c->len, (uint32_t)(v % 100000000u), 8);
	else {
		c->len = digits_u64(v);
		put_digits(c->s + c->len, v, c->len);
	}
	c->v = v;
}

void
cmd_puti(int64_t v)
{
	if (v < 0) {
		cmd_putc('-');
		cmd_putu(-(uint64_t)v);
	} else
		cmd_putu((uint64_t)v);
}

void
cmd_putx(uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char *d;
	int i;

	if (digits < 1)
		digits = 1;
	if (digits > 16)
		digits = 16;
	/* Grow to fit the value when it needs more digits than asked. */
	while (digits < 16 && (v >> (4 * digits)) != 0)
		digits++;
	d = cmd_room((size_t)digits);
	for (i = digits - 1; i >= 0; i--) {
		d[i] = hex[v & 15];
		v >>= 4;
	}
	cmd_out.len += (size_t)digits;
}

void
cmd_putq(const uint8_t *p, size_t n, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, shown = n < max ? n : max;
	char *d;

	cmd_putc('"');
	for (i = 0; i < shown; i++) {
		unsigned char c = p[i];

		d = cmd_room(4);
		if (c == '"' || c == '\\') {
			d[0] = '\\';
			d[1] = (char)c;
			cmd_out.len += 2;
		} else if (c == '\n' || c == '\r' || c == '\t') {
			d[0] = '\\';
			d[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
			cmd_out.len += 2;
		} else if (c < 0x20 || c >= 0x7f) {
			d[0] = '\\';
			d[1] = 'x';
			d[2] = hex[c >> 4];
			d[3] = hex[c & 15];
			cmd_out.len += 4;
		} else {
			d[0] = (char)c;
			cmd_out.len++;
		}
	}
	cmd_putc('"');
	if (shown < n)
		cmd_put("...", 3);
}

void
cmd_putname(const char *s)
{
	char buf[PATH_MAX];

	cmd_puts(cmd_mask(buf, sizeof(buf), s));
}

const char *
cmd_shellword(char *buf, size_t len, const char *s)
{
	char masked[PATH_MAX];
	size_t n = 0;
	const char *p;

	/* Control bytes are masked first: a terminal never gets them. */
	s = cmd_mask(masked, sizeof(masked), s);
	if (*s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_./:@%+=,-") == strlen(s)) {
		snprintf(buf, len, "%s", s);
		return buf;
	}
	/* In single quotes, where only a quote needs care: '\'' */
	if (len < 3)
		return "''";
	buf[n++] = '\'';
	for (p = s; *p != '\0' && n + 6 < len; p++) {
		if (*p == '\'') {
			memcpy(buf + n, "'\\''", 4);
			n += 4;
		} else
			buf[n++] = *p;
	}
	buf[n++] = '\'';
	buf[n] = '\0';
	return buf;
}

void
cmd_printf(const char *fmt, ...)
{
	va_list ap;
	char small[512], *big;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		cmd_put(small, (size_t)n);
		return;
	}
	if ((big = malloc((size_t)n + 1)) == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	cmd_put(big, (size_t)n);
	free(big);
}

int
cmd_putjson(const struct json_t *j)
{
	size_t n;
	char *big;

	/* Most records fit the room left in the output buffer. */
	cmd_room(4096);
	n = json_dumpb((const json_t *)j, cmd_out.buf + cmd_out.len,
	    CMD_OUT_SIZE - cmd_out.len - 1, JSON_COMPACT);
	if (n == 0)
		return -1;
	if (n <= CMD_OUT_SIZE - cmd_out.len - 1) {
		cmd_out.len += n;
		cmd_putc('\n');
		return 0;
	}
	if ((big = malloc(n)) == NULL)
		return -1;
	if (json_dumpb((const json_t *)j, big, n, JSON_COMPACT) != n) {
		free(big);
		return -1;
	}
	cmd_put(big, n);
	free(big);
	cmd_putc('\n');
	return 0;
}
