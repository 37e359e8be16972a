/* librr: the run description (header fields), shared by logs and snapshots. */
#include <stdlib.h>
#include <string.h>

#include "rr.h"
#include "internal.h"

/* Field tags (formats/rrlog.md, "Header fields"). */
enum {
	TAG_RECORDING_ID = 1,
	TAG_MACHINE = 2,
	TAG_ISA = 3,
	TAG_DEVICES = 4,
	TAG_TOOL_VERSION = 5,
	TAG_RAM_BASE = 6,
	TAG_RAM_SIZE = 7,
	TAG_CLOCK_SHIFT = 8,
	TAG_IMAGE_HASH = 9,
	TAG_CREATED = 10,
	TAG_CHECKPOINT_INTERVAL = 11,
	TAG_KEYFRAME_INTERVAL = 12,
	TAG_BLOCK_SIZE = 13,
	TAG_ORIGIN_EVENT = 14,		/* 1.1 */
	TAG_ORIGIN_ICOUNT = 15,		/* 1.1 */
	TAG_ORIGIN_FLAGS = 16,		/* 1.1 */
	TAG_GAPS = 17,			/* 1.2 */
	TAG_DTB_HASH = 18,		/* 1.3 */
	TAG_SEMIHOSTING = 19,		/* 1.3 */
	TAG_CLOCK_BASE = 20,		/* 1.4 */
	TAG_ENTROPY_SEED = 21,		/* 1.4 */
	TAG_HOST_FROM = 22		/* 1.4 */
};

void
rr_header_init(struct rr_header *h)
{
	memset(h, 0, sizeof(*h));
	h->major = RR_LOG_MAJOR;
	h->minor = 0;	/* 1.1 only with provenance (has_origin) */
	h->block_size = RR_BLOCK_DEFAULT;
	snprintf(h->tool_version, sizeof(h->tool_version), "rr %s",
	    RR_LIB_VERSION);
}

int
rr_buf_reserve(struct rr_buf *b, size_t more)
{
	size_t cap;
	uint8_t *p;

	if (b->oom)
		return -1;
	if (b->len + more <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
rr_buf_put(struct rr_buf *b, const void *p, size_t n)
{
	if (n == 0 || rr_buf_reserve(b, n) != 0)
		return;
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
rr_buf_varint(struct rr_buf *b, uint64_t v)
{
	uint8_t tmp[10];

	rr_buf_put(b, tmp, rr_varint_put(tmp, v));
}

void
rr_buf_free(struct rr_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static void
put_bytes(struct rr_buf *b, unsigned tag, const void *p, size_t n)
{
	rr_buf_varint(b, tag);
	rr_buf_varint(b, n);
	rr_buf_put(b, p, n);
}

static void
put_str(struct rr_buf *b, unsigned tag, const char *s)
{
	put_bytes(b, tag, s, strnlen(s, RR_STRING_MAX - 1));
}

static void
put_uint(struct rr_buf *b, unsigned tag, uint64_t v)
{
	uint8_t tmp[10];

	put_bytes(b, tag, tmp, rr_varint_put(tmp, v));
}

void
rr_header_fields_put(struct rr_buf *b, const struct rr_header *h)
{
	uint8_t hash[8];

	put_bytes(b, TAG_RECORDING_ID, h->recording_id, 16);
	put_str(b, TAG_MACHINE, h->machine);
	put_str(b, TAG_ISA, h->isa);
	put_str(b, TAG_DEVICES, h->devices);
	put_str(b, TAG_TOOL_VERSION, h->tool_version);
	put_uint(b, TAG_RAM_BASE, h->ram_base);
	put_uint(b, TAG_RAM_SIZE, h->ram_size);
	put_uint(b, TAG_CLOCK_SHIFT, h->clock_shift);
	rr_put64(hash, h->image_hash);
	put_bytes(b, TAG_IMAGE_HASH, hash, 8);
	put_uint(b, TAG_CREATED, rr_zigzag(h->created));
	put_uint(b, TAG_CHECKPOINT_INTERVAL, h->checkpoint_interval);
	put_uint(b, TAG_KEYFRAME_INTERVAL, h->keyframe_interval);
	put_uint(b, TAG_BLOCK_SIZE, h->block_size);
	if (h->has_origin) {
		put_uint(b, TAG_ORIGIN_EVENT, h->origin_event);
		put_uint(b, TAG_ORIGIN_ICOUNT, h->origin_icount);
		put_uint(b, TAG_ORIGIN_FLAGS, h->origin_flags);
	}
	if (h->gaps > 0)
		put_uint(b, TAG_GAPS, h->gaps);
	if (h->dtb_hash != 0) {
		rr_put64(hash, h->dtb_hash);
		put_bytes(b, TAG_DTB_HASH, hash, 8);
	}
	if (h->semihosting)
		put_uint(b, TAG_SEMIHOSTING, 1);
	if (h->clock_vm)
		put_uint(b, TAG_CLOCK_BASE, h->clock_base);
	if (h->entropy_seeded)
		put_uint(b, TAG_ENTROPY_SEED, h->entropy_seed);
	if (h->has_host_from)
		put_bytes(b, TAG_HOST_FROM, h->host_from, 16);
}

static int
get_str(char *dst, const uint8_t *p, size_t n)
{
	if (n >= RR_STRING_MAX || memchr(p, 0, n) != NULL)
		return -1;
	memcpy(dst, p, n);
	dst[n] = '\0';
	return 0;
}

static int
get_uint(uint64_t *v, const uint8_t *p, size_t n)
{
	return rr_varint_get(p, n, v) == n ? 0 : -1;
}

int
rr_header_fields_get(struct rr_header *h, const uint8_t *p, size_t n,
    uint64_t base, struct rr_error *err)
{
	uint64_t tag, len, v;
	size_t pos = 0, k, start;
	int bad;

	while (pos < n) {
		start = pos;
		if ((k = rr_varint_get(p + pos, n - pos, &tag)) == 0)
			goto trunc;
		pos += k;
		if ((k = rr_varint_get(p + pos, n - pos, &len)) == 0)
			goto trunc;
		pos += k;
		if (len > n - pos)
			goto trunc;
		bad = 0;
		v = 0;
		switch (tag) {
		case TAG_RECORDING_ID:
			if (len != 16)
				bad = 1;
			else
				memcpy(h->recording_id, p + pos, 16);
			break;
		case TAG_MACHINE:
			bad = get_str(h->machine, p + pos, len);
			break;
		case TAG_ISA:
			bad = get_str(h->isa, p + pos, len);
			break;
		case TAG_DEVICES:
			bad = get_str(h->devices, p + pos, len);
			break;
		case TAG_TOOL_VERSION:
			bad = get_str(h->tool_version, p + pos, len);
			break;
		case TAG_IMAGE_HASH:
			if (len != 8)
				bad = 1;
			else
				h->image_hash = rr_le64(p + pos);
			break;
		case TAG_HOST_FROM:
			if (len != 16)
				bad = 1;
			else {
				memcpy(h->host_from, p + pos, 16);
				h->has_host_from = 1;
			}
			break;
		case TAG_DTB_HASH:
			if (len != 8)
				bad = 1;
			else
				h->dtb_hash = rr_le64(p + pos);
			break;
		case TAG_RAM_BASE:
		case TAG_RAM_SIZE:
		case TAG_CLOCK_SHIFT:
		case TAG_CREATED:
		case TAG_CHECKPOINT_INTERVAL:
		case TAG_KEYFRAME_INTERVAL:
		case TAG_BLOCK_SIZE:
		case TAG_ORIGIN_EVENT:
		case TAG_ORIGIN_ICOUNT:
		case TAG_ORIGIN_FLAGS:
		case TAG_GAPS:
		case TAG_SEMIHOSTING:
		case TAG_CLOCK_BASE:
		case TAG_ENTROPY_SEED:
			if (get_uint(&v, p + pos, len) != 0) {
				bad = 1;
				break;
			}
			if (tag == TAG_RAM_BASE)
				h->ram_base = v;
			else if (tag == TAG_RAM_SIZE)
				h->ram_size = v;
			else if (tag == TAG_CLOCK_SHIFT) {
				if (v > 32)
					bad = 1;
				h->clock_shift = (uint32_t)v;
			} else if (tag == TAG_CREATED)
				h->created = rr_unzigzag(v);
			else if (tag == TAG_CHECKPOINT_INTERVAL)
				h->checkpoint_interval = v;
			else if (tag == TAG_KEYFRAME_INTERVAL)
				h->keyframe_interval = v;
			else if (tag == TAG_ORIGIN_EVENT) {
				h->origin_event = v;
				h->has_origin = 1;
			} else if (tag == TAG_ORIGIN_ICOUNT)
				h->origin_icount = v;
			else if (tag == TAG_ORIGIN_FLAGS) {
				if (v > UINT32_MAX)
					bad = 1;
				h->origin_flags = (uint32_t)v;
			} else if (tag == TAG_GAPS)
				h->gaps = v;
			else if (tag == TAG_SEMIHOSTING) {
				if (v > 1)
					bad = 1;
				h->semihosting = (uint32_t)v;
			} else if (tag == TAG_CLOCK_BASE) {
				h->clock_base = v;
				h->clock_vm = 1;
			} else if (tag == TAG_ENTROPY_SEED) {
				h->entropy_seed = v;
				h->entropy_seeded = 1;
			} else {
				if (v < RR_BLOCK_MIN || v > RR_BLOCK_MAX)
					bad = 1;
				h->block_size = (uint32_t)v;
			}
			break;
		default:
			h->unknown_fields++;
			break;
		}
		if (bad) {
			rr_seterr(err, RR_E_CORRUPT, base + start, RR_NO_EVENT,
			    "header field %llu: bad value",
			    (unsigned long long)tag);
			return RR_FATAL;
		}
		pos += len;
	}
	return RR_OK;
trunc:
	rr_seterr(err, RR_E_CORRUPT, base + pos, RR_NO_EVENT,
	    "header field runs past the header");
	return RR_FATAL;
}
