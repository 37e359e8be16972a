/*
 * Unit tests: rrdump's hand-made event records (cmd/jsonl.c) are byte for
 * byte what jansson makes of rr_event_json() (lib/json.c): the schema is
 * written twice, and this keeps the two together.
 */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../../cmd/common.h"
#include "../../lib/rr.h"
#include "../../lib/rrjson.h"
#include "unit.h"

static uint64_t seed;

static uint64_t
rnd(void)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return seed * 0x2545F4914F6CDD1Dull;
}

/* Bytes that stress the escaping and UTF-8 rules. */
static void
fill(uint8_t *p, size_t n)
{
	static const uint8_t pick[] = {
		'a', '"', '\\', '/', 0, 1, 0x1f, '\n', '\t', '\r', '\b', '\f',
		0x7f, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80,
		0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xf5, 0xff, 0x80, 'z', ' '
	};
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (rnd() & 3) == 0 ? (uint8_t)rnd() :
		    pick[rnd() % sizeof(pick)];
}

static uint64_t
number(void)
{
	static const uint64_t edge[] = {
		0, 1, 127, 128, INT64_MAX, (uint64_t)INT64_MAX + 1,
		UINT64_MAX, 1000000000000000000ull
	};

	return (rnd() & 1) ? edge[rnd() % 8] : rnd() >> (rnd() % 64);
}

START_TEST(same_bytes_as_jansson)
{
	static uint8_t data[3000];
	static const uint32_t kinds[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 200 };
	struct rr_event ev;
	json_t *j;
	char *want;
	size_t n, i;
	int k;

	seed = 0x5eed + (uint64_t)_i;
	for (k = 0; k < 20000; k++) {
		memset(&ev, 0, sizeof(ev));
		ev.kind = kinds[rnd() % 10];
		ev.number = number();
		ev.icount = number();
		ev.value = number();
		ev.status = (int64_t)number();
		ev.device = (uint32_t)rnd();
		ev.subkind = (uint32_t)(rnd() % 7);
		ev.len = (size_t)(rnd() % ((rnd() & 7) == 0 ? sizeof(data) : 40));
		fill(data, ev.len);
		ev.data = ev.len > 0 || (rnd() & 1) ? data : NULL;
		if (ev.kind == RR_EV_CHECKPOINT) {
			ev.nparts = (uint32_t)(rnd() % (RR_PARTS_MAX + 1));
			for (i = 0; i < ev.nparts; i++) {
				ev.parts[i].id = (uint32_t)(rnd() % 300);
				ev.parts[i].hash = number();
			}
		}
		j = rr_event_json(&ev);
		ck_assert_ptr_nonnull(j);
		want = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		ck_assert_ptr_nonnull(want);
		cmd_out.len = 0;
		cmd_event_json(&ev);
		n = strlen(want);
		ck_assert_msg(cmd_out.len == n + 1 &&
		    memcmp(cmd_out.buf, want, n) == 0 && cmd_out.buf[n] == '\n',
		    "event %d (kind %u) differs:\n%s\n%.*s", k, ev.kind, want,
		    (int)cmd_out.len, cmd_out.buf);
		free(want);
	}
	cmd_out.len = 0;
}
END_TEST

Suite *
suite_evjson(void)
{
	Suite *s = suite_create("evjson");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, same_bytes_as_jansson, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}
