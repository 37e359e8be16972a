/* Unit tests: JSON views of headers, events and blocks (lib/json.c). */
#include <check.h>
#include <jansson.h>
#include <string.h>

#include "../../lib/rr.h"
#include "../../lib/rrjson.h"
#include "unit.h"

static const char *
str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(v != NULL && json_is_string(v), "no string %s", key);
	return json_string_value(v);
}

static json_int_t
num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(v != NULL && json_is_integer(v), "no integer %s", key);
	return json_integer_value(v);
}

START_TEST(header_json)
{
	struct rr_header h;
	json_t *o;

	rr_header_init(&h);
	memset(h.recording_id, 0xab, 16);
	snprintf(h.machine, sizeof(h.machine), "rr-virt32");
	h.ram_base = 0x80000000u;
	h.ram_size = 1 << 20;
	h.image_hash = 0x0123456789abcdefull;
	h.clock_shift = 2;
	o = rr_header_json(&h);
	ck_assert_str_eq(str(o, "type"), "header");
	ck_assert_str_eq(str(o, "version"), "1.0");
	ck_assert_str_eq(str(o, "recording_id"),
	    "abababababababababababababababab");
	ck_assert_str_eq(str(o, "ram_base"), "0x0000000080000000");
	ck_assert_str_eq(str(o, "image_hash"), "0x0123456789abcdef");
	ck_assert_int_eq(num(o, "ram_size"), 1 << 20);
	ck_assert_int_eq(num(o, "clock_shift"), 2);
	ck_assert_ptr_null(json_object_get(o, "unknown_fields"));
	json_decref(o);
}
END_TEST

START_TEST(event_json_kinds)
{
	struct rr_event ev;
	json_t *o, *parts;
	char name[32];

	memset(&ev, 0, sizeof(ev));
	ev.number = 7;
	ev.icount = 1234;
	ev.kind = RR_EV_CLOCK;
	ev.value = 1790000000000000001ull;
	o = rr_event_json(&ev);
	ck_assert_str_eq(str(o, "type"), "event");
	ck_assert_str_eq(str(o, "kind"), "clock");
	ck_assert_int_eq(num(o, "event"), 7);
	ck_assert_int_eq(num(o, "icount"), 1234);
	/* A clock's nanoseconds, past 2^53: its digits, exactly. */
	ck_assert_str_eq(str(o, "ns"), "1790000000000000001");
	json_decref(o);
	/* Past a signed 64-bit integer: decimal digits in a string. */
	ev.icount = UINT64_MAX;
	o = rr_event_json(&ev);
	ck_assert_str_eq(str(o, "icount"), "18446744073709551615");
	json_decref(o);
	/* 2^53 is a number still, 2^53 + 1 a string (a double has not
	   its last digit). */
	ev.icount = RR_JSON_EXACT_MAX;
	o = rr_event_json(&ev);
	ck_assert_int_eq(num(o, "icount"), 9007199254740992ll);
	json_decref(o);
	ev.icount = RR_JSON_EXACT_MAX + 1;
	o = rr_event_json(&ev);
	ck_assert_str_eq(str(o, "icount"), "9007199254740993");
	json_decref(o);
	ev.icount = 1234;

	ev.kind = RR_EV_CHECKPOINT;
	ev.value = 0xfeedull;
	ev.nparts = 2;
	ev.parts[0].id = RR_PART_CPU;
	ev.parts[0].hash = 1;
	ev.parts[1].id = RR_PART_RAM0 + 3;
	ev.parts[1].hash = 2;
	o = rr_event_json(&ev);
	ck_assert_str_eq(str(o, "hash"), "0x000000000000feed");
	parts = json_object_get(o, "parts");
	ck_assert_uint_eq(json_array_size(parts), 2);
	ck_assert_str_eq(str(json_array_get(parts, 1), "part"), "ram3");
	ck_assert_str_eq(str(json_array_get(parts, 0), "hash"),
	    "0x0000000000000001");
	json_decref(o);

	/* Output: text when it is UTF-8, always hex. */
	ev.kind = RR_EV_OUTPUT;
	ev.device = 1;
	ev.data = (const uint8_t *)"hi\n";
	ev.len = 3;
	o = rr_event_json(&ev);
	ck_assert_str_eq(str(o, "text"), "hi\n");
	ck_assert_str_eq(str(o, "data"), "68690a");
	json_decref(o);
	ev.data = (const uint8_t *)"\xff\xfe";
	ev.len = 2;
	o = rr_event_json(&ev);
	ck_assert_ptr_null(json_object_get(o, "text"));
	ck_assert_str_eq(str(o, "data"), "fffe");
	json_decref(o);

	ev.kind = RR_EV_END;
	ev.status = -3;
	ev.subkind = RR_END_LIMIT;
	ev.len = 0;
	o = rr_event_json(&ev);
	ck_assert_int_eq(num(o, "status"), -3);
	ck_assert_str_eq(str(o, "reason"), "limit");
	json_decref(o);

	/* A kind from a newer version keeps its number and size. */
	ev.kind = 99;
	ev.len = 5;
	ev.data = (const uint8_t *)"abcde";
	o = rr_event_json(&ev);
	ck_assert_str_eq(str(o, "kind"), "unknown");
	ck_assert_int_eq(num(o, "code"), 99);
	ck_assert_int_eq(num(o, "size"), 5);
	json_decref(o);

	ck_assert_str_eq(rr_part_name(RR_PART_UART, name, sizeof(name)),
	    "uart");
	ck_assert_str_eq(rr_part_name(9999, name, sizeof(name)), "part9999");
}
END_TEST

START_TEST(block_json)
{
	struct rr_block b;
	json_t *o;

	memset(&b, 0, sizeof(b));
	b.seq = 3;
	b.offset = 4096;
	b.count = 10;
	b.header_ok = 1;
	b.payload_ok = 0;
	o = rr_block_json(&b);
	ck_assert_str_eq(str(o, "type"), "block");
	ck_assert_int_eq(num(o, "seq"), 3);
	ck_assert_int_eq(num(o, "offset"), 4096);
	ck_assert_int_eq(num(o, "events"), 10);
	ck_assert_str_eq(str(o, "header_crc"), "ok");
	ck_assert_str_eq(str(o, "payload_crc"), "bad");
	json_decref(o);
}
END_TEST

Suite *
suite_json(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, header_json);
	tcase_add_test(tc, event_json_kinds);
	tcase_add_test(tc, block_json);
	suite_add_tcase(s, tc);
	return s;
}
