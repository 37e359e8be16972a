/* Front-end JSON Lines view: events formatted by hand, other records. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../lib/rr.h"
#include "../lib/rrjson.h"
#include "msg.h"
#include "out.h"
#include "jsonl.h"

/*
 * rrdump --json spends its time on events, so they skip jansson: what
 * follows writes, byte for byte, what cmd_putjson (json_dumpb with
 * JSON_COMPACT) makes of rr_event_json() with "type" set, as rr(7)
 * describes it.  Strings are escaped as jansson does it: \" \\ \b \f \n
 * \r \t, other bytes below 0x20 as \u00XX (upper-case hex), everything
 * else (DEL, '/', UTF-8) as is.
 */

#define EVENT_JSON_ROOM	256	/* the fixed part of any event record */
#define JLIT(d, s)	(memcpy((d), (s), sizeof(s) - 1), (d) + sizeof(s) - 1)

static const char dec_pairs[] =
    "0001020304050607080910111213141516171819"
    "2021222324252627282930313233343536373839"
    "4041424344454647484950515253545556575859"
    "6061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Decimal digits of v at d (room for 20); returns the end. */
static char *
fmt_u(char *d, uint64_t v)
{
	char tmp[20], *p = tmp + sizeof(tmp);
	size_t n;
	unsigned r;

	while (v >= 100) {
		r = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, dec_pairs + 2 * r, 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, dec_pairs + 2 * v, 2);
	} else
		*--p = (char)('0' + v);
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(d, p, n);
	return d + n;
}

/* A json_integer: room for 20. */
static char *
fmt_i(char *d, int64_t v)
{
	if (v < 0) {
		*d++ = '-';
		return fmt_u(d, -(uint64_t)v);
	}
	return fmt_u(d, (uint64_t)v);
}

/* rr_json_u64: an integer, or past 2^53 a string (room for 22). */
static char *
fmt_ju64(char *d, uint64_t v)
{
	if (v <= RR_JSON_EXACT_MAX)
		return fmt_u(d, v);
	*d++ = '"';
	d = fmt_u(d, v);
	*d++ = '"';
	return d;
}

/* rr_json_hex64: "0x%016llx" as a string (20 bytes). */
static char *
fmt_jhex64(char *d, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	d[0] = '"';
	d[1] = '0';
	d[2] = 'x';
	for (i = 18; i >= 3; i--) {
		d[i] = hex[v & 15];
		v >>= 4;
	}
	d[19] = '"';
	return d + 20;
}

/* The end of a record begun with cmd_room: d is its new end. */
static void
json_done(char *d)
{
	cmd_out.len = (size_t)(d - cmd_out.buf);
}

/*
 * Is p valid UTF-8 by jansson's rules (json_stringn)?  No overlong
 * forms, no surrogates, nothing past U+10FFFF; NUL is allowed.
 */
static int
json_utf8_valid(const uint8_t *p, size_t n)
{
	size_t i = 0, j, k;
	uint32_t v;
	uint8_t c;

	while (i < n) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 2;
			v = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 3;
			v = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 4;
			v = c & 0x07;
		} else
			return 0;
		if (k > n - i)
			return 0;
		for (j = 1; j < k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
			v = v << 6 | (p[i + j] & 0x3f);
		}
		if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ||
		    (k == 3 && v < 0x800) || (k == 4 && v < 0x10000))
			return 0;
		i += k;
	}
	return 1;
}

/* A JSON string literal of valid UTF-8 bytes, escaped as jansson does. */
static void
json_putstr(const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run;
	uint8_t c;
	char *d;

	cmd_putc('"');
	while (n > 0) {
		for (run = 0; run < n && p[run] >= 0x20 && p[run] != '"' &&
		    p[run] != '\\'; run++)
			;
		if (run > 0) {
			cmd_put(p, run);
			p += run;
			n -= run;
			continue;
		}
		c = *p++;
		n--;
		d = cmd_room(6);
		d[0] = '\\';
		d[1] = (char)c;
		switch (c) {
		case '"':
		case '\\':
			break;
		case '\b':
			d[1] = 'b';
			break;
		case '\f':
			d[1] = 'f';
			break;
		case '\n':
			d[1] = 'n';
			break;
		case '\r':
			d[1] = 'r';
			break;
		case '\t':
			d[1] = 't';
			break;
		default:
			d[1] = 'u';
			d[2] = '0';
			d[3] = '0';
			d[4] = hex[c >> 4];
			d[5] = hex[c & 15];
			cmd_out.len += 4;
			break;
		}
		cmd_out.len += 2;
	}
	cmd_putc('"');
}

/* rr_json_hexbytes: the bytes as lower-case hex, a string. */
static void
json_puthex(const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, k;
	char *d;

	cmd_putc('"');
	while (n > 0) {
		k = n < CMD_OUT_SIZE / 2 ? n : CMD_OUT_SIZE / 2;
		d = cmd_room(2 * k);
		for (i = 0; i < k; i++) {
			d[2 * i] = hex[p[i] >> 4];
			d[2 * i + 1] = hex[p[i] & 15];
		}
		cmd_out.len += 2 * k;
		p += k;
		n -= k;
	}
	cmd_putc('"');
}

/* lib/json.c put_data: "text" when valid UTF-8 (json_stringn), "data". */
static void
json_putdata(const uint8_t *p, size_t n)
{
	/* json_stringn refuses a NULL pointer, even for no bytes. */
	if (p != NULL && json_utf8_valid(p, n)) {
		cmd_put(",\"text\":", 8);
		json_putstr(p, n);
	}
	cmd_put(",\"data\":", 8);
	json_puthex(p, n);
}

void
cmd_event_json(const struct rr_event *ev)
{
	const char *kind = rr_kind_name(ev->kind), *s;
	char name[32], *d;
	uint32_t i, nparts;
	size_t n;

	d = cmd_room(EVENT_JSON_ROOM);
	d = JLIT(d, "{\"type\":\"event\",\"event\":");
	d = fmt_ju64(d, ev->number);
	d = JLIT(d, ",\"icount\":");
	d = fmt_ju64(d, ev->icount);
	d = JLIT(d, ",\"kind\":\"");
	s = kind != NULL ? kind : "unknown";
	n = strlen(s);
	memcpy(d, s, n);
	d += n;
	*d++ = '"';
	switch (ev->kind) {
	case RR_EV_CLOCK:
		d = JLIT(d, ",\"ns\":");
		d = fmt_ju64(d, ev->value);
		break;
	case RR_EV_ENTROPY:
		d = JLIT(d, ",\"value\":");
		d = fmt_jhex64(d, ev->value);
		break;
	case RR_EV_BH:
	case RR_EV_OUTPUT:
		d = JLIT(d, ",\"device\":");
		d = fmt_u(d, ev->device);
		if (ev->kind == RR_EV_BH) {
			d = JLIT(d, ",\"bh\":");
			d = fmt_u(d, ev->subkind);
		}
		json_done(d);
		json_putdata(ev->data, ev->len);
		d = cmd_room(2);
		break;
	case RR_EV_CHECKPOINT:
		d = JLIT(d, ",\"hash\":");
		d = fmt_jhex64(d, ev->value);
		d = JLIT(d, ",\"parts\":[");
		json_done(d);
		/* A reader never gives more; the array holds no more. */
		nparts = ev->nparts < RR_PARTS_MAX ? ev->nparts : RR_PARTS_MAX;
		for (i = 0; i < nparts; i++) {
			rr_part_name(ev->parts[i].id, name, sizeof(name));
			n = strlen(name);
			d = cmd_room(n + 64);
			if (i > 0)
				*d++ = ',';
			d = JLIT(d, "{\"part\":\"");
			memcpy(d, name, n);
			d += n;
			d = JLIT(d, "\",\"hash\":");
			d = fmt_jhex64(d, ev->parts[i].hash);
			*d++ = '}';
			json_done(d);
		}
		d = cmd_room(3);
		*d++ = ']';
		break;
	case RR_EV_KEYFRAME:
		d = JLIT(d, ",\"size\":");
		d = fmt_ju64(d, ev->len);
		d = JLIT(d, ",\"hash\":");
		d = fmt_jhex64(d, rr_hash64(ev->data, ev->len, 0));
		break;
	case RR_EV_MARK:
		json_done(d);
		json_putdata(ev->data, ev->len);
		d = cmd_room(2);
		break;
	case RR_EV_END:
		d = JLIT(d, ",\"status\":");
		d = fmt_i(d, ev->status);
		d = JLIT(d, ",\"reason\":\"");
		s = rr_end_reason_name(ev->subkind);
		n = strlen(s);
		memcpy(d, s, n);
		d += n;
		*d++ = '"';
		if (ev->len > 0) {
			json_done(d);
			json_putdata(ev->data, ev->len);
			d = cmd_room(2);
		}
		break;
	case RR_EV_SEMIHOST:
		d = JLIT(d, ",\"op\":");
		d = fmt_u(d, ev->subkind);
		d = JLIT(d, ",\"result\":");
		d = fmt_i(d, ev->status);
		d = JLIT(d, ",\"errno\":");
		d = fmt_u(d, (uint32_t)ev->value);
		json_done(d);
		json_putdata(ev->data, ev->len);
		d = cmd_room(2);
		break;
	case RR_EV_GAP:
		d = JLIT(d, ",\"resume_event\":");
		d = fmt_ju64(d, ev->resume_event);
		d = JLIT(d, ",\"resume_icount\":");
		d = fmt_ju64(d, ev->resume_icount);
		d = JLIT(d, ",\"exact\":");
		d = ev->subkind & RR_ORIGIN_EXACT ? JLIT(d, "true") :
		    JLIT(d, "false");
		break;
	default:
		d = JLIT(d, ",\"code\":");
		d = fmt_u(d, ev->kind);
		d = JLIT(d, ",\"size\":");
		d = fmt_ju64(d, ev->len);
		break;
	}
	*d++ = '}';
	*d++ = '\n';
	json_done(d);
}


json_t *
cmd_new_record(const char *type)
{
	return cmd_jrecord(type, NULL);
}

json_t *
cmd_jrecord(const char *type, const char *file)
{
	json_t *j = json_object();

	if (j == NULL)
		return NULL;
	json_object_set_new(j, "type", json_string(type));
	if (file != NULL)
		json_object_set_new(j, "file", json_string(file));
	return j;
}

void
cmd_jrecord_put(json_t *j)
{
	if (j == NULL || cmd_putjson(j) != 0) {
		cmd_msg(NULL, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
		cmd_status(CMD_EXIT_FAIL);
	}
	json_decref(j);
}

void
cmd_put_record(json_t *j, const char *type)
{
	if (j != NULL && json_object_set_new(j, "type",
	    json_string(type)) != 0) {
		json_decref(j);
		j = NULL;
	}
	cmd_jrecord_put(j);
}
