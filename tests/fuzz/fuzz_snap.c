/* Fuzz target: rr_snap_decode on arbitrary bytes, then every field read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../lib/rr.h"
#include "../../lib/rrsnap.h"
#include "../../lib/rrjson.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Memories larger than this are checked but not decompressed. */
#define MEM_MAX	(64u << 20)

static void
walk_field(const struct rr_snap *s, size_t sec, const struct rr_snap_field *f)
{
	struct rr_error err;
	const uint8_t *p;
	uint64_t u, *u64s, *map;
	uint32_t *u32s;
	int64_t i;
	uint8_t *mem;
	size_t n;
	char *str;

	switch (f->type) {
	case RR_SNAP_U64:
		if (rr_snap_get_u64(s, sec, f->name, &u, &err) != RR_OK ||
		    u != f->u)
			abort();
		break;
	case RR_SNAP_I64:
		if (rr_snap_get_i64(s, sec, f->name, &i, &err) != RR_OK ||
		    (uint64_t)i != f->u)
			abort();
		break;
	case RR_SNAP_BYTES:
	case RR_SNAP_STRING:
		if (rr_snap_get_bytes(s, sec, f->name, &p, &n, &err) !=
		    RR_OK || n != f->len)
			abort();
		if (f->type == RR_SNAP_STRING) {
			if ((str = malloc(f->len + 1)) == NULL)
				return;
			if (rr_snap_get_string(s, sec, f->name, str,
			    f->len + 1, &err) != RR_OK ||
			    strlen(str) != f->len)
				abort();
			free(str);
		}
		break;
	case RR_SNAP_U32S:
		/* count is backed by the input: len == 4 * count. */
		if ((u32s = malloc(f->count * 4 + 4)) == NULL)
			return;
		if (rr_snap_get_u32s(s, sec, f->name, u32s, f->count, &err) !=
		    RR_OK)
			abort();
		free(u32s);
		break;
	case RR_SNAP_U64S:
		if ((u64s = malloc(f->count * 8 + 8)) == NULL)
			return;
		if (rr_snap_get_u64s(s, sec, f->name, u64s, f->count, &err) !=
		    RR_OK)
			abort();
		free(u64s);
		break;
	case RR_SNAP_PAGES:
		if (f->count > MEM_MAX)
			break;
		if ((mem = malloc(f->count > 0 ? f->count : 1)) == NULL)
			return;
		/* May fail (bad stream), must not crash or overrun. */
		(void)rr_snap_get_pages(s, sec, f->name, mem, f->count, &err);
		map = calloc((f->count / RR_SNAP_PAGE + 63) / 64 + 1, 8);
		if (map != NULL)
			(void)rr_snap_get_pages_map(s, sec, f->name, mem,
			    f->count, map, &err);
		free(map);
		free(mem);
		break;
	default:
		abort();	/* the decoder hands out known types only */
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rr_snap *s, *t;
	struct rr_snap_field f;
	struct rr_error err;
	uint8_t *a, *b;
	size_t alen, blen, i, k;
	json_t *j;
	char *text;

	if (rr_snap_decode(&s, data, size, &err) != RR_OK) {
		if (s != NULL || err.kind == RR_E_NONE)
			abort();
		return 0;
	}
	(void)rr_snap_meta(s);
	for (i = 0; i < rr_snap_nsections(s); i++) {
		if (rr_snap_find(s, rr_snap_section_name(s, i)) != (long)i)
			abort();
		for (k = 0; k < rr_snap_nfields(s, i); k++) {
			if (rr_snap_field(s, i, k, &f) != RR_OK)
				abort();
			walk_field(s, i, &f);
		}
	}
	if ((j = rr_snap_json(s)) != NULL) {
		text = json_dumps(j, JSON_COMPACT);
		free(text);
		json_decref(j);
	}
	/* Whatever was accepted re-encodes to a stable, readable form. */
	if (rr_snap_encode(s, &a, &alen) == RR_OK) {
		if (rr_snap_decode(&t, a, alen, &err) != RR_OK)
			abort();
		if (rr_snap_encode(t, &b, &blen) != RR_OK)
			abort();
		if (alen != blen || memcmp(a, b, alen) != 0)
			abort();
		free(b);
		rr_snap_free(t);
		free(a);
	}
	rr_snap_free(s);
	return 0;
}
