/*
 * Unit tests: a log's events bucketed (lib/timeline.c), and the text
 * escapes of its pictures (cmd/draw.c).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/rr.h"
#include "../../lib/rrtimeline.h"
#include "../../cmd/out.h"
#include "../../cmd/draw.h"
#include "unit.h"

static struct rr_event
ev_at(uint64_t number, uint64_t icount, uint32_t kind)
{
	struct rr_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.number = number;
	ev.icount = icount;
	ev.kind = kind;
	return ev;
}

/* The lane of kind, or fail. */
static const struct rr_tl_lane *
lane_of(struct rr_timeline *tl, uint32_t kind)
{
	const struct rr_tl_lane *l;
	size_t n, i;

	l = rr_timeline_lanes(tl, &n);
	for (i = 0; i < n; i++)
		if (l[i].kind == kind)
			return &l[i];
	ck_abort_msg("no lane of kind %u", kind);
	return NULL;
}

/* Every cell is where its events' icounts put it, and sums to them. */
START_TEST(cells_exact)
{
	struct rr_timeline *tl = rr_timeline_new();
	const struct rr_tl_lane *l;
	struct rr_event ev;
	uint64_t origin, sum = 0, total = 0, i, n = 3 * RR_TL_CELLS;
	unsigned shift;
	size_t c;

	ck_assert_ptr_nonnull(tl);
	/* Events 7 instructions apart from icount 1000: many buckets. */
	for (i = 0; i < n; i++) {
		ev = ev_at(i, 1000 + 7 * i, i % 2 ? RR_EV_BH : RR_EV_CLOCK);
		ck_assert_int_eq(rr_timeline_add(tl, &ev), RR_OK);
	}
	rr_timeline_scale(tl, &origin, &shift);
	ck_assert_uint_eq(origin, 1000);
	/* Past the cells allowed: coarsened, and not more than needed. */
	ck_assert_uint_gt(shift, 0);
	l = lane_of(tl, RR_EV_BH);
	ck_assert_uint_eq(l->events, n / 2);
	ck_assert_uint_eq(l->icount_first, 1007);
	ck_assert_uint_le(l->ncells * 2, RR_TL_CELLS);
	/* Odd i, icount 1007 + 14k: walk the events and the cells. */
	for (i = 1, c = 0; i < n; i += 2) {
		uint64_t b = (7 * i) >> shift;

		while (c < l->ncells && l->cells[c].bucket < b) {
			ck_assert_uint_eq(l->cells[c].count, sum);
			sum = 0;
			c++;
		}
		ck_assert_uint_lt(c, l->ncells);
		ck_assert_uint_eq(l->cells[c].bucket, b);
		sum++;
		total++;
	}
	ck_assert_uint_eq(c, l->ncells - 1);
	ck_assert_uint_eq(l->cells[c].count, sum);
	sum = total;
	ck_assert_uint_eq(sum, n / 2);
	/* One step finer, the two lanes' cells would not fit. */
	ck_assert_uint_ge(2 * ((7 * (n - 1)) >> (shift - 1)), RR_TL_CELLS);
	ck_assert_uint_eq(rr_timeline_events(tl, NULL, NULL), n);
	rr_timeline_free(tl);
}
END_TEST

/* The cells in all lanes never pass RR_TL_CELLS, and reach it. */
START_TEST(cells_cap)
{
	struct rr_timeline *tl = rr_timeline_new();
	const struct rr_tl_lane *l;
	struct rr_event ev;
	uint64_t origin, i;
	unsigned shift;
	size_t n, k, cells;

	/* Each event a bucket of its own. */
	for (i = 0; i <= RR_TL_CELLS; i++) {
		if (i == RR_TL_CELLS) {
			rr_timeline_scale(tl, &origin, &shift);
			ck_assert_uint_eq(shift, 0);
		}
		ev = ev_at(i, i, RR_EV_BH);
		ck_assert_int_eq(rr_timeline_add(tl, &ev), RR_OK);
	}
	/* Coarsened once: neighbours merged, the last event in a new cell. */
	rr_timeline_scale(tl, &origin, &shift);
	ck_assert_uint_eq(shift, 1);
	l = rr_timeline_lanes(tl, &n);
	for (k = 0, cells = 0; k < n; k++)
		cells += l[k].ncells;
	ck_assert_uint_le(cells, RR_TL_CELLS);
	ck_assert_uint_eq(cells, RR_TL_CELLS / 2 + 1);
	rr_timeline_free(tl);
}
END_TEST

/* Icounts over all of 2^64, in every lane: the shift stays a shift. */
START_TEST(cells_huge_span)
{
	struct rr_timeline *tl = rr_timeline_new();
	const struct rr_tl_lane *l;
	struct rr_event ev;
	uint64_t origin, i, n = 2 * RR_TL_CELLS, step = UINT64_MAX / n, sum;
	unsigned shift;
	size_t nl, k, c, cells = 0;

	for (i = 0; i < n; i++) {
		ev = ev_at(i, i * step, (uint32_t)(i % 300) + 1);
		ck_assert_int_eq(rr_timeline_add(tl, &ev), RR_OK);
	}
	ev = ev_at(n, UINT64_MAX, RR_EV_END);
	ck_assert_int_eq(rr_timeline_add(tl, &ev), RR_OK);
	rr_timeline_scale(tl, &origin, &shift);
	ck_assert_uint_lt(shift, 64);
	l = rr_timeline_lanes(tl, &nl);
	for (k = 0, sum = 0; k < nl; k++) {
		for (c = 0; c < l[k].ncells; c++)
			sum += l[k].cells[c].count;
		cells += l[k].ncells;
	}
	ck_assert_uint_le(cells, RR_TL_CELLS);
	ck_assert_uint_eq(sum, n + 1);
	/* The last event is in the last bucket there is. */
	l = lane_of(tl, RR_EV_END);
	ck_assert_uint_eq(l->cells[l->ncells - 1].bucket, UINT64_MAX >> shift);
	rr_timeline_free(tl);
}
END_TEST

/* Few events: one bucket per instruction, counts exact. */
START_TEST(cells_fine)
{
	struct rr_timeline *tl = rr_timeline_new();
	const struct rr_tl_lane *l;
	struct rr_event ev;
	uint64_t origin, first, last;
	unsigned shift;

	ev = ev_at(0, 5, RR_EV_OUTPUT);
	rr_timeline_add(tl, &ev);
	ev = ev_at(1, 5, RR_EV_OUTPUT);
	rr_timeline_add(tl, &ev);
	ev = ev_at(2, 9, RR_EV_OUTPUT);
	rr_timeline_add(tl, &ev);
	/* An icount that goes down counts at the last one. */
	ev = ev_at(3, 2, RR_EV_OUTPUT);
	rr_timeline_add(tl, &ev);
	rr_timeline_scale(tl, &origin, &shift);
	ck_assert_uint_eq(origin, 5);
	ck_assert_uint_eq(shift, 0);
	l = lane_of(tl, RR_EV_OUTPUT);
	ck_assert_uint_eq(l->ncells, 2);
	ck_assert_uint_eq(l->cells[0].bucket, 0);
	ck_assert_uint_eq(l->cells[0].count, 2);
	ck_assert_uint_eq(l->cells[1].bucket, 4);
	ck_assert_uint_eq(l->cells[1].count, 2);
	ck_assert_uint_eq(rr_timeline_events(tl, &first, &last), 4);
	ck_assert_uint_eq(first, 5);
	ck_assert_uint_eq(last, 9);
	rr_timeline_free(tl);
}
END_TEST

/* Kinds past 255 share one lane. */
START_TEST(lane_other)
{
	struct rr_timeline *tl = rr_timeline_new();
	struct rr_event ev;
	size_t n;

	ev = ev_at(0, 0, 300);
	rr_timeline_add(tl, &ev);
	ev = ev_at(1, 0, 70000);
	rr_timeline_add(tl, &ev);
	ev = ev_at(2, 0, 200);
	rr_timeline_add(tl, &ev);
	rr_timeline_lanes(tl, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(lane_of(tl, RR_TL_OTHER)->events, 2);
	ck_assert_uint_eq(lane_of(tl, 200)->events, 1);
	rr_timeline_free(tl);
}
END_TEST

/* Over the cap, a set keeps every stride-th event, from the first. */
START_TEST(items_thinned)
{
	struct rr_timeline *tl = rr_timeline_new();
	struct rr_tl_items s;
	struct rr_event ev;
	uint64_t i, n = 5 * RR_TL_ITEMS + 3;
	static const uint8_t text[300] = "some output";

	for (i = 0; i < n; i++) {
		ev = ev_at(i, i, RR_EV_OUTPUT);
		ev.data = text;
		ev.len = sizeof(text);
		rr_timeline_add(tl, &ev);
	}
	ev = ev_at(n, n, RR_EV_END);
	rr_timeline_add(tl, &ev);
	rr_timeline_items(tl, RR_TL_OUTPUT, &s);
	ck_assert_uint_eq(s.total, n);
	ck_assert_uint_eq(s.stride, 8);
	ck_assert_uint_le(s.n, RR_TL_ITEMS);
	ck_assert_uint_eq(s.n, (n + s.stride - 1) / s.stride);
	for (i = 0; i < s.n; i++)
		ck_assert_uint_eq(s.items[i].number, i * s.stride);
	/* Text: the first RR_TL_TEXT bytes, with the length of all. */
	ck_assert_uint_eq(s.items[1].len, sizeof(text));
	ck_assert_uint_eq(s.items[1].tlen, RR_TL_TEXT);
	ck_assert_mem_eq(s.items[1].text, "some output", 11);
	/* END is a set of its own: never thinned out by the output. */
	rr_timeline_items(tl, RR_TL_BREAKS, &s);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.items[0].number, n);
	rr_timeline_items(tl, RR_TL_MARKERS, &s);
	ck_assert_uint_eq(s.n, 0);
	rr_timeline_free(tl);
}
END_TEST

START_TEST(sets_of_kinds)
{
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_CHECKPOINT), RR_TL_MARKERS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_KEYFRAME), RR_TL_MARKERS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_MARK), RR_TL_MARKERS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_GAP), RR_TL_BREAKS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_END), RR_TL_BREAKS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_CLOCK), RR_TL_INPUTS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_ENTROPY), RR_TL_INPUTS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_BH), RR_TL_INPUTS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_SEMIHOST), RR_TL_INPUTS);
	ck_assert_int_eq(rr_timeline_set_of(RR_EV_OUTPUT), RR_TL_OUTPUT);
	ck_assert_int_eq(rr_timeline_set_of(99), -1);
}
END_TEST

/* Columns: the cells summed by where they start. */
START_TEST(columns_sum)
{
	struct rr_timeline *tl = rr_timeline_new();
	struct rr_event ev;
	uint64_t col[4], i;

	for (i = 0; i < 100; i++) {
		ev = ev_at(i, 100 + i, RR_EV_BH);
		rr_timeline_add(tl, &ev);
	}
	/* icounts 100..199 over [100, 200): 25 a column. */
	rr_timeline_columns(tl, lane_of(tl, RR_EV_BH), 100, 200, col, 4);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(col[i], 25);
	/* [150, 170): 20 events in column 0 and 1. */
	rr_timeline_columns(tl, lane_of(tl, RR_EV_BH), 150, 170, col, 2);
	ck_assert_uint_eq(col[0], 10);
	ck_assert_uint_eq(col[1], 10);
	rr_timeline_free(tl);
}
END_TEST

START_TEST(escapes)
{
	/* UTF-8 as it is; a stray byte as its Latin-1 code point. */
	static const uint8_t s[] = "a\"\\\n\t<&>\x01\xc3\xa9\xff\xc0\x80z";

	cmd_out.len = 0;
	cmd_put_jstr(s, sizeof(s) - 1);
	ck_assert_str_eq(unit_out_take(), "\"a\\\"\\\\\\n\\t\\u003c\\u0026\\u003e"
	    "\\u0001\xc3\xa9\xc3\xbf\xc3\x80\xc2\x80z\"");
	cmd_put_xml(s, sizeof(s) - 1);
	ck_assert_str_eq(unit_out_take(), "a&quot;\\\n\t&lt;&amp;&gt;\\x01\xc3\xa9"
	    "\xc3\xbf\xc3\x80\xc2\x80z");
	/* A surrogate and a code point past U+10FFFF are no UTF-8. */
	ck_assert_uint_eq(rr_utf8_len((const uint8_t *)"\xed\xa0\x80", 3), 0);
	ck_assert_uint_eq(rr_utf8_len((const uint8_t *)"\xf4\x90\x80\x80",
	    4), 0);
	ck_assert_uint_eq(rr_utf8_len((const uint8_t *)"\xf0\x9f\x98\x80",
	    4), 4);
	ck_assert_uint_eq(rr_utf8_len((const uint8_t *)"\xe2\x82", 2), 0);
	ck_assert_uint_eq(rr_utf8_len((const uint8_t *)"\xc3" "A", 2), 0);
	ck_assert_uint_eq(rr_utf8_len((const uint8_t *)"", 0), 0);
	ck_assert_uint_eq(rr_utf8_len((const uint8_t *)"\xe0\x9f\xbf", 3), 0);
}
END_TEST

Suite *
suite_timeline(void)
{
	Suite *s = suite_create("timeline");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, cells_exact);
	tcase_add_test(tc, cells_cap);
	tcase_add_test(tc, cells_huge_span);
	tcase_add_test(tc, cells_fine);
	tcase_add_test(tc, lane_other);
	tcase_add_test(tc, items_thinned);
	tcase_add_test(tc, sets_of_kinds);
	tcase_add_test(tc, columns_sum);
	tcase_add_test(tc, escapes);
	suite_add_tcase(s, tc);
	return s;
}
