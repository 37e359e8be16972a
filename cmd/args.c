/* Front-end argument parsing: bad options, numbers, ranges, kind lists. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/rr.h"
#include "msg.h"
#include "args.h"

void
cmd_badopt(int ch, char *const argv[])
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	const char *what = ch == ':' ? "missing argument for" : "unknown";
	size_t n;

	/*
	 * getopt names itself by argv[0]; messages here name the tool.  A
	 * long option is named as typed (optopt is its value, not a
	 * letter); a short one by its letter.
	 */
	if (strncmp(arg, "--", 2) == 0) {
		n = strcspn(arg, "=");
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s option %.*s",
		    ch == ':' ? what : "unknown or ambiguous", (int)n,
		    cmd_name(arg));
	} else if (optopt > ' ' && optopt < 127)
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s option -%c",
		    what, optopt);
	else
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s option %s",
		    what, cmd_name(arg));
}

/* The value of c as a digit of base (10 or 16), or -1. */
static int
digit(int c, int base)
{
	if (isdigit(c))
		return c - '0';
	if (base == 16 && isxdigit(c))
		return tolower(c) - 'a' + 10;
	return -1;
}

/*
 * Digits of base (10 or 16) with '_' allowed between two of them; at
 * least one digit.  The value in *v, the characters used in *used.
 * -1 when there is no digit, a '_' is not between digits, or it
 * overflows.
 */
static int
digits(const char *s, int base, uint64_t *v, size_t *used)
{
	uint64_t n = 0;
	size_t i = 0;
	int d, nd = 0;

	for (;; i++) {
		if (s[i] == '_') {
			/* Only between two digits. */
			if (nd == 0 || digit((unsigned char)s[i + 1], base) < 0)
				return -1;
			continue;
		}
		if ((d = digit((unsigned char)s[i], base)) < 0)
			break;
		if (__builtin_mul_overflow(n, (uint64_t)base, &n) ||
		    __builtin_add_overflow(n, (uint64_t)d, &n))
			return -1;
		nd++;
	}
	if (nd == 0)
		return -1;
	*v = n;
	*used = i;
	return 0;
}

/*
 * A number with an optional fraction and a unit suffix (K, M, G, T:
 * powers of unit), exact: 1.5K is 1500 (unit 1000) or 1536 (1024), and
 * 1.0005K is refused.
 */
static int
scaled(const char *s, uint64_t unit, uint64_t *v)
{
	uint64_t ip, fp = 0, fscale = 1, mult = 1, x;
	size_t used;
	const char *p;
	int k;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		/* Hex: digits only. */
		if (digits(s + 2, 16, &ip, &used) != 0 || s[2 + used] != '\0')
			return -1;
		*v = ip;
		return 0;
	}
	if (digits(s, 10, &ip, &used) != 0)
		return -1;
	p = s + used;
	if (*p == '.') {
		p++;
		/* At most 18 fraction digits: fscale stays in 64 bits. */
		for (k = 0; isdigit((unsigned char)*p); p++, k++) {
			if (k == 18)
				return -1;
			fp = fp * 10 + (uint64_t)(*p - '0');
			fscale *= 10;
		}
		if (k == 0)
			return -1;
	}
	switch (*p) {
	case 'T': case 't': mult *= unit; /* FALLTHROUGH */
	case 'G': case 'g': mult *= unit; /* FALLTHROUGH */
	case 'M': case 'm': mult *= unit; /* FALLTHROUGH */
	case 'K': case 'k': mult *= unit; p++; break;
	case '\0': break;
	default: return -1;
	}
	if (*p != '\0' || (fscale > 1 && mult == 1))
		return -1;
	if (__builtin_mul_overflow(ip, mult, &x))
		return -1;
	if (fscale > 1) {
		/*
		 * fp / fscale of mult, exactly: with g their common factor,
		 * fscale / g must divide fp, and the part is below mult.
		 */
		uint64_t a = mult, b = fscale, t;

		while (b != 0) {
			t = a % b;
			a = b;
			b = t;
		}
		if (fp % (fscale / a) != 0 ||
		    __builtin_add_overflow(x, fp / (fscale / a) * (mult / a),
		    &x))
			return -1;
	}
	*v = x;
	return 0;
}

int
cmd_number(const char *s, uint64_t *v)
{
	return scaled(s, 1000, v);
}

int
cmd_size(const char *s, uint64_t *v)
{
	return scaled(s, 1024, v);
}

/* One end of a range: N or ~N (N >= 1).  Empty is open. */
static int
range_end(const char *s, size_t len, uint64_t *v, int *from_end)
{
	char tmp[64];

	*from_end = 0;
	if (len > 0 && s[0] == '~') {
		*from_end = 1;
		s++;
		len--;
	}
	if (len == 0 || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (cmd_number(tmp, v) != 0)
		return -1;
	return *from_end && *v == 0 ? -1 : 0;
}

int
cmd_range_parse(struct cmd_range *r, const char *opt, const char *s)
{
	const char *dash;

	memset(r, 0, sizeof(*r));
	r->hi = UINT64_MAX;
	/* The dash between the ends; hex digits never contain one. */
	dash = strchr(s, '-');
	if (dash == NULL) {
		if (range_end(s, strlen(s), &r->lo, &r->lo_end) != 0)
			goto bad;
		r->hi = r->lo;
		r->hi_end = r->lo_end;
	} else {
		if (dash == s && dash[1] == '\0')
			goto bad;
		if (dash > s &&
		    range_end(s, (size_t)(dash - s), &r->lo, &r->lo_end) != 0)
			goto bad;
		if (dash[1] != '\0' &&
		    range_end(dash + 1, strlen(dash + 1), &r->hi,
		    &r->hi_end) != 0)
			goto bad;
	}
	/* Ends of the same kind can be checked now; mixed ones later. */
	if (r->lo_end == r->hi_end &&
	    (r->lo_end ? r->lo < r->hi : r->lo > r->hi)) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
		    "%s: empty range '%s'", opt, s);
		return -1;
	}
	r->set = 1;
	return 0;
bad:
	cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
	    "%s: bad range '%s' (A, A-B, A-, -B; ~N counts from the end)",
	    opt, s);
	return -1;
}

int
cmd_range_from_end(const struct cmd_range *r)
{
	return r->set && (r->lo_end || r->hi_end);
}

int
cmd_range_resolve(const struct cmd_range *r, uint64_t last, uint64_t *lo,
    uint64_t *hi)
{
	if (!r->set) {
		*lo = 0;
		*hi = UINT64_MAX;
		return 0;
	}
	*lo = r->lo;
	*hi = r->hi;
	/* ~N is last - N + 1: ~1 is the last, ~N past the start is 0. */
	if (r->lo_end)
		*lo = r->lo > last ? 0 : last - r->lo + 1;
	if (r->hi_end) {
		/* A high end before the start: nothing is selected. */
		if (last != UINT64_MAX && r->hi > last + 1)
			return -1;
		*hi = last - r->hi + 1;
	}
	return *lo > *hi ? -1 : 0;
}

void
cmd_kinds_all(struct cmd_kinds *k)
{
	memset(k->bits, 0xff, sizeof(k->bits));
	k->other = 1;
}

static void
kinds_set(struct cmd_kinds *k, uint64_t kind, int on)
{
	if (kind > 255) {
		k->other = on;
		return;
	}
	if (on)
		k->bits[kind >> 3] |= (uint8_t)(1u << (kind & 7));
	else
		k->bits[kind >> 3] &= (uint8_t)~(1u << (kind & 7));
}

int
cmd_kinds_parse(struct cmd_kinds *k, const char *opt, const char *s)
{
	char *copy, *item, *save = NULL;
	uint64_t kind;
	int on, any_plus = 0, nitems = 0, named, rc = 0;
	uint32_t i;

	if (*s == '\0') {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: empty kind list",
		    opt);
		return -1;
	}
	if ((copy = strdup(s)) == NULL) {
		cmd_syserr(NULL, errno, "%s", opt);
		return -1;
	}
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		nitems++;
		if (item[0] != '^')
			any_plus = 1;
	}
	free(copy);
	if (nitems == 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "%s: empty kind list",
		    opt);
		return -1;
	}
	memset(k, 0, sizeof(*k));
	if (!any_plus)
		cmd_kinds_all(k);
	if ((copy = strdup(s)) == NULL) {
		cmd_syserr(NULL, errno, "%s", opt);
		return -1;
	}
	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		on = 1;
		if (item[0] == '^') {
			on = 0;
			item++;
		}
		named = rr_kind_from_name(item);
		if (named > 0) {
			kinds_set(k, (uint64_t)named, on);
		} else if (strcmp(item, "unknown") == 0) {
			/* Every kind this build has no name for. */
			kinds_set(k, 0, on);
			for (i = RR_EV_KIND_MAX + 1; i <= 256; i++)
				kinds_set(k, i, on);
		} else if (cmd_number(strncmp(item, "unknown-", 8) == 0 ?
		    item + 8 : item, &kind) == 0) {
			/* A kind is one byte of the log. */
			if (kind > 255) {
				cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
				    "%s: kind %s: kinds are 0 to 255", opt,
				    cmd_name(item));
				rc = -1;
				break;
			}
			kinds_set(k, kind, on);
		} else {
			cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT,
			    "%s: unknown kind '%s' (clock, entropy, bh, output,"
			    " checkpoint, keyframe, mark, end, unknown, a"
			    " number)", opt, item);
			rc = -1;
			break;
		}
	}
	free(copy);
	return rc;
}
