/* librr: JSON views (jansson) of headers, events, blocks and snapshots. */
#ifndef RRJSON_H
#define RRJSON_H

#include "rr.h"
#include "rrsnap.h"

/*
 * Each returns a new reference (the caller drops it with json_decref),
 * or NULL when out of memory.  Only programs that link jansson need
 * this header; rr.h and rrsnap.h do not declare these.
 */
struct json_t;
/*
 * The largest integer every JSON reader reads exactly, also one that
 * keeps numbers as doubles (jq, JavaScript): 2^53.
 */
#define RR_JSON_EXACT_MAX	(1ull << 53)
/*
 * A count, an instruction count, a clock value: an integer up to
 * RR_JSON_EXACT_MAX, past it a string of its decimal digits (rr(7)), so
 * a clock's nanoseconds (about 1.8e18) survive any reader.
 */
struct json_t	*rr_json_u64(uint64_t v);
/* The same for a signed value: a string past -2^53 .. 2^53. */
struct json_t	*rr_json_i64(int64_t v);
/* The bytes p[0..n) as a string of lower-case hex (new; NULL on ENOMEM). */
struct json_t	*rr_json_hexbytes(const uint8_t *p, size_t n);
struct json_t	*rr_header_json(const struct rr_header *h);
struct json_t	*rr_event_json(const struct rr_event *ev);
struct json_t	*rr_block_json(const struct rr_block *b);
/*
 * {"type":"snapshot", "header":{..., "icount", "state_hash":"0x..."},
 * "sections":[{"name", "offset", "fields":[{"name", "type", "offset",
 * "value"}]}]}; see formats/rrsnap.md, "JSON".
 */
struct json_t	*rr_snap_json(const struct rr_snap *s);

#endif /* RRJSON_H */
