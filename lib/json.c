/* librr: JSON (jansson) views of headers, events and blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rr.h"
#include "rrjson.h"
#include "internal.h"

json_t *
rr_json_hex64(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%016llx", (unsigned long long)v);
	return json_string(buf);
}

json_t *
rr_json_hexbytes(const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	json_t *j;
	char *s;
	size_t i;

	if ((s = malloc(2 * n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 15];
	}
	s[2 * n] = '\0';
	j = json_stringn(s, 2 * n);
	free(s);
	return j;
}

/* Set, tolerating a NULL value (json_object_set_new frees nothing then). */
static void
put(json_t *o, const char *key, json_t *v)
{
	if (v != NULL)
		json_object_set_new(o, key, v);
}

/*
 * An unsigned 64-bit count: a JSON integer, or, past what a signed
 * 64-bit JSON integer holds, its decimal digits as a string (rr(7)).
 */
json_t *
rr_json_u64(uint64_t v)
{
	char buf[24];

	if (v <= RR_JSON_EXACT_MAX)
		return json_integer((json_int_t)v);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return json_string(buf);
}

json_t *
rr_json_i64(int64_t v)
{
	char buf[24];

	if (v >= -(int64_t)RR_JSON_EXACT_MAX && v <= (int64_t)RR_JSON_EXACT_MAX)
		return json_integer((json_int_t)v);
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return json_string(buf);
}

/* Bytes as text when they are valid UTF-8, and always as hex. */
static void
put_data(json_t *o, const uint8_t *p, size_t n)
{
	json_t *t = json_stringn((const char *)p, n);

	if (t != NULL)
		json_object_set_new(o, "text", t);
	put(o, "data", rr_json_hexbytes(p, n));
}

json_t *
rr_header_json(const struct rr_header *h)
{
	json_t *o = json_object();
	char ver[32];

	if (o == NULL)
		return NULL;
	put(o, "type", json_string("header"));
	snprintf(ver, sizeof(ver), "%u.%u", h->major, h->minor);
	put(o, "version", json_string(ver));
	put(o, "recording_id", rr_json_hexbytes(h->recording_id, 16));
	put(o, "machine", json_string(h->machine));
	put(o, "isa", json_string(h->isa));
	put(o, "devices", json_string(h->devices));
	put(o, "tool_version", json_string(h->tool_version));
	put(o, "ram_base", rr_json_hex64(h->ram_base));
	put(o, "ram_size", rr_json_u64(h->ram_size));
	put(o, "clock_shift", json_integer(h->clock_shift));
	put(o, "image_hash", rr_json_hex64(h->image_hash));
	put(o, "created", json_integer(h->created));
	put(o, "checkpoint_interval",
	    rr_json_u64(h->checkpoint_interval));
	put(o, "keyframe_interval",
	    rr_json_u64(h->keyframe_interval));
	put(o, "block_size", json_integer(h->block_size));
	if (h->has_origin) {
		put(o, "origin_event", rr_json_u64(h->origin_event));
		put(o, "origin_icount", rr_json_u64(h->origin_icount));
		put(o, "origin_exact", json_boolean(h->origin_flags &
		    RR_ORIGIN_EXACT));
	}
	if (h->gaps > 0)
		put(o, "gaps", rr_json_u64(h->gaps));
	if (h->dtb_hash != 0)
		put(o, "dtb_hash", rr_json_hex64(h->dtb_hash));
	if (h->semihosting)
		put(o, "semihosting", json_true());
	if (RR_HEADER_PINNED(h)) {
		put(o, "clock_source", json_string(h->clock_vm ? "vm" :
		    "host"));
		if (h->clock_vm)
			put(o, "clock_base", rr_json_u64(h->clock_base));
		put(o, "entropy_source", json_string(h->entropy_seeded ?
		    "seeded" : "host"));
		if (h->entropy_seeded)
			put(o, "entropy_seed", rr_json_u64(h->entropy_seed));
		if (h->has_host_from)
			put(o, "host_from", rr_json_hexbytes(h->host_from, 16));
	}
	if (h->unknown_fields)
		put(o, "unknown_fields", json_integer(h->unknown_fields));
	return o;
}

json_t *
rr_event_json(const struct rr_event *ev)
{
	json_t *o = json_object(), *a, *p;
	const char *kind = rr_kind_name(ev->kind);
	char name[32];
	uint32_t i;

	if (o == NULL)
		return NULL;
	put(o, "type", json_string("event"));
	put(o, "event", rr_json_u64(ev->number));
	put(o, "icount", rr_json_u64(ev->icount));
	put(o, "kind", json_string(kind ? kind : "unknown"));
	switch (ev->kind) {
	case RR_EV_CLOCK:
		put(o, "ns", rr_json_u64(ev->value));
		break;
	case RR_EV_ENTROPY:
		put(o, "value", rr_json_hex64(ev->value));
		break;
	case RR_EV_BH:
		put(o, "device", json_integer(ev->device));
		put(o, "bh", json_integer(ev->subkind));
		put_data(o, ev->data, ev->len);
		break;
	case RR_EV_OUTPUT:
		put(o, "device", json_integer(ev->device));
		put_data(o, ev->data, ev->len);
		break;
	case RR_EV_CHECKPOINT:
		put(o, "hash", rr_json_hex64(ev->value));
		if ((a = json_array()) == NULL)
			break;
		for (i = 0; i < ev->nparts; i++) {
			if ((p = json_object()) == NULL)
				continue;
			put(p, "part", json_string(rr_part_name(
			    ev->parts[i].id, name, sizeof(name))));
			put(p, "hash", rr_json_hex64(ev->parts[i].hash));
			json_array_append_new(a, p);
		}
		json_object_set_new(o, "parts", a);
		break;
	case RR_EV_KEYFRAME:
		put(o, "size", rr_json_u64(ev->len));
		put(o, "hash", rr_json_hex64(rr_hash64(ev->data, ev->len, 0)));
		break;
	case RR_EV_MARK:
		put_data(o, ev->data, ev->len);
		break;
	case RR_EV_END:
		put(o, "status", json_integer(ev->status));
		put(o, "reason", json_string(rr_end_reason_name(ev->subkind)));
		if (ev->len > 0)
			put_data(o, ev->data, ev->len);
		break;
	case RR_EV_SEMIHOST:
		put(o, "op", json_integer(ev->subkind));
		put(o, "result", json_integer(ev->status));
		put(o, "errno", json_integer((json_int_t)ev->value));
		put_data(o, ev->data, ev->len);
		break;
	case RR_EV_GAP:
		put(o, "resume_event", rr_json_u64(ev->resume_event));
		put(o, "resume_icount", rr_json_u64(ev->resume_icount));
		put(o, "exact", json_boolean(ev->subkind & RR_ORIGIN_EXACT));
		break;
	default:
		put(o, "code", json_integer(ev->kind));
		put(o, "size", rr_json_u64(ev->len));
		break;
	}
	return o;
}

json_t *
rr_block_json(const struct rr_block *b)
{
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	put(o, "type", json_string("block"));
	put(o, "seq", rr_json_u64(b->seq));
	put(o, "offset", rr_json_u64(b->offset));
	put(o, "size", rr_json_u64(b->size));
	put(o, "block_type", json_integer(b->type));
	put(o, "first_event", rr_json_u64(b->first_event));
	put(o, "events", json_integer(b->count));
	put(o, "lead", json_integer(b->lead));
	put(o, "icount_first", rr_json_u64(b->icount_first));
	put(o, "icount_last", rr_json_u64(b->icount_last));
	put(o, "raw_size", json_integer(b->raw_size));
	put(o, "comp_size", json_integer(b->comp_size));
	put(o, "header_crc", json_string(b->header_ok ? "ok" : "bad"));
	put(o, "payload_crc", json_string(b->payload_ok ? "ok" : "bad"));
	return o;
}
