/* The device kit (emu/devkit.h): section fields read, hash parts made. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "devkit.h"
#include "../lib/rr.h"
#include "../lib/rrsnap.h"

void
snap_error(const struct snap_in *in, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(in->err, in->errlen, "%s: ", in->name);
	if (n >= 0 && (size_t)n < in->errlen) {
		va_start(ap, fmt);
		vsnprintf(in->err + n, in->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
}

int
snap_u64(const struct snap_in *in, const char *field, uint64_t *v)
{
	struct rr_error e;

	if (rr_snap_get_u64(in->s, in->sec, field, v, &e) != RR_OK)
		return SNAP_FAIL(in, "%s", e.msg);
	return 0;
}

int
snap_has(const struct rr_snap *s, size_t sec, const char *name)
{
	struct rr_snap_field f;
	size_t i, n = rr_snap_nfields(s, sec);

	for (i = 0; i < n; i++)
		if (rr_snap_field(s, sec, i, &f) == RR_OK &&
		    strcmp(f.name, name) == 0)
			return 1;
	return 0;
}

int
snap_opt_u64(const struct snap_in *in, const char *field, uint64_t *v)
{
	if (!snap_has(in->s, in->sec, field)) {
		*v = 0;
		return 0;
	}
	return snap_u64(in, field, v);
}

int
snap_u32(const struct snap_in *in, const char *field, uint32_t *v,
    uint32_t max)
{
	uint64_t u;

	if (snap_u64(in, field, &u) != 0)
		return -1;
	if (u > max)
		return SNAP_FAIL(in, "%s is %llu, at most %llu", field,
		    (unsigned long long)u, (unsigned long long)max);
	*v = (uint32_t)u;
	return 0;
}

int
snap_u8(const struct snap_in *in, const char *field, uint8_t *v,
    uint8_t max)
{
	uint32_t u;

	if (snap_u32(in, field, &u, max) != 0)
		return -1;
	*v = (uint8_t)u;
	return 0;
}

int
snap_bits(const struct snap_in *in, const char *field, uint32_t *v,
    uint32_t mask)
{
	uint64_t u;

	if (snap_u64(in, field, &u) != 0)
		return -1;
	if (u & ~(uint64_t)mask)
		return SNAP_FAIL(in, "%s 0x%llx has bits outside 0x%llx",
		    field, (unsigned long long)u, (unsigned long long)mask);
	*v = (uint32_t)u;
	return 0;
}

void
hash_put8(struct hash_buf *h, uint8_t v)
{
	h->b[h->n++] = v;
}

void
hash_put32(struct hash_buf *h, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		hash_put8(h, (uint8_t)(v >> (8 * i)));
}

void
hash_put64(struct hash_buf *h, uint64_t v)
{
	hash_put32(h, (uint32_t)v);
	hash_put32(h, (uint32_t)(v >> 32));
}

uint64_t
hash_done(const struct hash_buf *h, uint32_t id)
{
	return rr_hash64(h->b, h->n, id);
}
