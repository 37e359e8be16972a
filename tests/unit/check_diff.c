/* lib/diff.c and lib/snapdiff.c: where two logs or snapshots part. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../lib/rr.h"
#include "../../lib/rrcheck.h"
#include "../../lib/rrsnap.h"

/* The checkpoint (event number) whose hash write_log changes. */
static size_t ckpt_change = SIZE_MAX;
/* The mark (event number) write_log writes as a clock read instead. */
static size_t kind_change = SIZE_MAX;
/* The clock read (event number) whose value alone differs. */
static size_t one_input = SIZE_MAX;
/* From this event on, icounts are 3 later. */
static size_t shift_from = SIZE_MAX;

/*
 * A log of n events in 256-byte blocks: marks, checkpoints every tenth
 * event, clocks.  Event k's mark says "changed" when k == change; clocks
 * from event inputs on are one ns later; the checkpoint at event
 * ckpt_change has another hash; the log stops after stop events (no END)
 * when stop < n.
 */
static void
write_log(const char *p, size_t n, size_t change, size_t inputs, size_t stop,
    uint32_t block)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct rr_writer_options o = { block, 0, 1, 0, 0, NULL, 0 };
	size_t i;

	rr_header_init(&h);
	ck_assert_int_eq(rr_writer_open(&w, p, &h, &o, &err), RR_OK);
	for (i = 0; i < n && i < stop; i++) {
		uint64_t ic = i * 7 + (i >= shift_from ? 3 : 0);

		if (i % 10 == 9)
			ck_assert_int_eq(rr_writer_checkpoint(w, ic,
			    i == ckpt_change ? 43 : 42, NULL, 0), RR_OK);
		else if (i % 2 == 0 || i == kind_change)
			ck_assert_int_eq(rr_writer_clock(w, ic, 1000 + i +
			    (i >= inputs) + (i == one_input)), RR_OK);
		else
			ck_assert_int_eq(rr_writer_mark(w, ic, i == change ?
			    "changed" : "same"), RR_OK);
	}
	if (stop < n) {
		ck_assert_int_eq(rr_writer_flush(w), RR_OK);
		rr_writer_abort(w);
	} else
		ck_assert_int_eq(rr_writer_close(w, n * 7, 0, RR_END_EXIT,
		    NULL, &err), RR_OK);
}

struct seen {
	int		 type;		/* of the first item */
	uint64_t	 a_event, b_event, eof_events;
	int		 eof_side;
	uint64_t	 items;
	uint64_t	 ntype[RR_DIFF_SUMMARY + 1];	/* items of each type */
	/* The first effect and summary. */
	uint64_t	 eff_a, eff_b, shifted, changed, unpaired;
	int		 eff_shifted, eff_has_cause;
	/* Context of the first item: how many, how many marked ignored. */
	size_t		 nctx, nignored;
	/* Its a side's payload: bytes kept, whole size. */
	uint64_t	 a_len, a_size;
};

static void
on_item(void *arg, const struct rr_diff_item *it)
{
	struct seen *s = arg;
	size_t i;

	ck_assert_int_ge(it->type, RR_DIFF_HEADER);
	ck_assert_int_le(it->type, RR_DIFF_SUMMARY);
	if (it->type == RR_DIFF_EFFECT && s->ntype[it->type] == 0) {
		s->eff_a = it->a != NULL ? it->a->ev.number : UINT64_MAX;
		s->eff_b = it->b != NULL ? it->b->ev.number : UINT64_MAX;
		s->eff_shifted = it->shifted;
		s->eff_has_cause = it->has_cause;
	}
	if (it->type == RR_DIFF_SUMMARY && s->ntype[it->type] == 0) {
		s->shifted = it->n_shifted;
		s->changed = it->n_changed;
		s->unpaired = it->n_unpaired;
	}
	s->ntype[it->type]++;
	if (s->items++ == 0) {
		s->type = it->type;
		s->a_event = it->a != NULL ? it->a->ev.number : UINT64_MAX;
		s->b_event = it->b != NULL ? it->b->ev.number : UINT64_MAX;
		s->eof_side = it->eof_side;
		s->eof_events = it->eof_events;
		s->nctx = it->nctx_a;
		if (it->a != NULL) {
			s->a_len = it->a->ev.len;
			s->a_size = it->a->size;
		}
		for (i = 0; i < it->nctx_a; i++)
			s->nignored += it->ctx_a[i].ignored;
	}
}

static int
diff(const char *a, const char *b, const struct rr_diff_options *o,
    struct rr_diff_report *rep, struct seen *s)
{
	struct rr_diff *d;
	int rc;

	memset(s, 0, sizeof(*s));
	ck_assert_ptr_nonnull(d = rr_diff_new(o));
	rr_diff_set_item(d, on_item, s);
	rc = rr_diff_logs(d, a, b, rep);
	rr_diff_free(d);
	return rc;
}

static const char *
tmp(const char *name)
{
	static char buf[4][600];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", unit_tmpdir(), name);
	return buf[k];
}

/* The same log: the same, and every block skipped without decoding. */
START_TEST(same_log)
{
	struct rr_diff_report rep;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 400, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 400, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	ck_assert_int_eq(diff(a, b, NULL, &rep, &s), RR_OK);
	ck_assert(rep.same);
	ck_assert_uint_eq(s.items, 0);
	ck_assert_uint_gt(rep.blocks_skipped, 5);
}
END_TEST

/* Other block sizes are metadata: the events are the same. */
START_TEST(other_blocks_same)
{
	struct rr_diff_report rep;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 400, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 400, SIZE_MAX, SIZE_MAX, SIZE_MAX, 4096);
	ck_assert_int_eq(diff(a, b, NULL, &rep, &s), RR_OK);
	ck_assert(rep.same);
}
END_TEST

/* A loop: the first difference is named at exactly its event. */
START_TEST(first_difference)
{
	struct rr_diff_report rep;
	struct rr_diff_options o;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");
	size_t k = (size_t)_i * 2 + 1;	/* marks are odd events */

	if (k % 10 == 9)
		k += 2;
	memset(&o, 0, sizeof(o));
	o.context = 3;
	write_log(a, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 300, k, SIZE_MAX, SIZE_MAX, 256);
	ck_assert_int_eq(diff(a, b, &o, &rep, &s), RR_OK);
	ck_assert(!rep.same);
	/* A mark is behaviour: an effect no input came before. */
	ck_assert_int_eq(s.type, RR_DIFF_EFFECT);
	ck_assert_uint_eq(s.a_event, k);
	ck_assert_uint_eq(s.b_event, k);
	ck_assert(!s.eff_has_cause);
	ck_assert_uint_eq(rep.differences, 1);
	ck_assert(!rep.cause.set);
	ck_assert_uint_eq(rep.effect.event[0], k);
	ck_assert_uint_eq(s.nctx, k < 3 ? k : 3);
}
END_TEST

/* Clock values only: inputs differ, the checkpoints agree. */
START_TEST(inputs_only)
{
	struct rr_diff_report rep;
	struct rr_diff_options o;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 300, SIZE_MAX, 100, SIZE_MAX, 256);
	ck_assert_int_eq(diff(a, b, NULL, &rep, &s), RR_OK);
	ck_assert(!rep.same);
	/* One cause, the first clock that differs; no effect. */
	ck_assert_uint_eq(rep.differences, 1);
	ck_assert_uint_eq(rep.causes, 1);
	ck_assert_int_eq(s.type, RR_DIFF_CAUSE);
	ck_assert_uint_eq(s.a_event, 100);
	ck_assert(!rep.effect.set);
	ck_assert_uint_eq(rep.inputs, 100);	/* the even events past 100 */
	memset(&o, 0, sizeof(o));
	o.ignore[RR_EV_CLOCK >> 3] |= 1u << (RR_EV_CLOCK & 7);
	ck_assert_int_eq(diff(a, b, &o, &rep, &s), RR_OK);
	ck_assert(rep.same);
}
END_TEST

/* One log a prefix of the other: EOF on it after its last event. */
START_TEST(prefix)
{
	struct rr_diff_report rep;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 300, SIZE_MAX, SIZE_MAX, 123, 256);
	ck_assert_int_eq(diff(a, b, NULL, &rep, &s), RR_OK);
	ck_assert_int_eq(s.type, RR_DIFF_EOF);
	ck_assert_int_eq(s.eof_side, 1);
	ck_assert_uint_ge(s.eof_events, 100);
	ck_assert_uint_le(s.eof_events, 123);
	ck_assert_int_eq(diff(b, a, NULL, &rep, &s), RR_OK);
	ck_assert_int_eq(s.eof_side, 0);
}
END_TEST

/*
 * 300 events as write_log makes them against the same with the
 * checkpoint at event ckpt hashed otherwise, the mark at event kind a
 * clock read, and clocks from event inputs on later; not the same, and
 * *s the first difference.
 */
static void
diff_changed(size_t ckpt, size_t kind, size_t inputs,
    struct rr_diff_report *rep, struct seen *s)
{
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	ckpt_change = ckpt;
	kind_change = kind;
	write_log(b, 300, SIZE_MAX, inputs, SIZE_MAX, 256);
	ckpt_change = kind_change = SIZE_MAX;
	ck_assert_int_eq(diff(a, b, NULL, rep, s), RR_OK);
	ck_assert(!rep->same);
}

/*
 * The same inputs and outputs, another state hash at the checkpoint at
 * event 99: the states differ there, though no input did before it.
 */
START_TEST(state_without_inputs)
{
	struct rr_diff_report rep;
	struct seen s;

	diff_changed(99, SIZE_MAX, SIZE_MAX, &rep, &s);
	ck_assert_uint_eq(rep.differences, 1);
	ck_assert_uint_eq(rep.inputs, 0);
	ck_assert_int_eq(s.type, RR_DIFF_EFFECT);
	ck_assert_uint_eq(s.a_event, 99);
	ck_assert_uint_eq(s.b_event, 99);
	ck_assert(!s.eff_has_cause);
}
END_TEST

/*
 * Clock values differ from event 150 on and the checkpoint at 199 has
 * another hash: the state parts there, with the clocks since the last
 * agreeing checkpoint (189) as the inputs that may be the cause.
 */
START_TEST(state_after_inputs)
{
	struct rr_diff_report rep;
	struct seen s;

	diff_changed(199, SIZE_MAX, 150, &rep, &s);
	ck_assert_int_eq(s.type, RR_DIFF_CAUSE);
	ck_assert_uint_eq(s.a_event, 150);
	ck_assert_uint_eq(s.eff_a, 199);
	ck_assert_uint_eq(s.eff_b, 199);
	ck_assert(s.eff_has_cause);
	ck_assert_uint_eq(rep.cause.event[1], 150);
	ck_assert_uint_eq(rep.effect.event[1], 199);
	ck_assert_uint_eq(rep.differences, 1);
}
END_TEST

/*
 * Another kind at the same icount (a clock read where the other has a
 * mark): one difference, with both events.
 */
START_TEST(other_kind_same_icount)
{
	struct rr_diff_report rep;
	struct seen s;

	diff_changed(SIZE_MAX, 101, SIZE_MAX, &rep, &s);
	/*
	 * Clocks pair by their order: a's next clock (102) with b's extra
	 * one (101), whose value differs.
	 */
	ck_assert_int_eq(s.type, RR_DIFF_CAUSE);
	ck_assert_uint_eq(s.a_event, 102);
	ck_assert_uint_eq(s.b_event, 101);
	ck_assert_uint_eq(rep.differences, 1);
}
END_TEST

/* Every type has its name; anything else is "?". */
START_TEST(type_names)
{
	ck_assert_str_eq(rr_diff_type_name(RR_DIFF_HEADER), "header");
	ck_assert_str_eq(rr_diff_type_name(RR_DIFF_CAUSE), "cause");
	ck_assert_str_eq(rr_diff_type_name(RR_DIFF_SUMMARY), "summary");
	ck_assert_str_eq(rr_diff_type_name(0), "?");
	ck_assert_str_eq(rr_diff_type_name(-1), "?");
	ck_assert_str_eq(rr_diff_type_name(RR_DIFF_SUMMARY + 1), "?");
	ck_assert_str_eq(rr_diff_type_name(1 << 20), "?");
}
END_TEST

/*
 * errno is only read after a failed call: a stale EINTR does not make
 * the reads of identical blocks look interrupted (and retried forever).
 */
START_TEST(stale_errno)
{
	struct rr_diff_report rep;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 400, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 400, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	errno = EINTR;
	ck_assert_int_eq(diff(a, b, NULL, &rep, &s), RR_OK);
	ck_assert(rep.same);
	ck_assert_uint_gt(rep.blocks_skipped, 5);
}
END_TEST

/*
 * One clock value apart, and everything after it 3 instructions later
 * (the guest ran otherwise): with all, one cause whose consequences are
 * counted, not reported one by one; its effect the first behaviour
 * after it, shifted.
 */
START_TEST(one_cause_shifts)
{
	struct rr_diff_report rep;
	struct rr_diff_options o;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	one_input = 100;
	shift_from = 101;
	write_log(b, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	one_input = shift_from = SIZE_MAX;
	memset(&o, 0, sizeof(o));
	o.all = 1;
	o.context = 3;
	ck_assert_int_eq(diff(a, b, &o, &rep, &s), RR_OK);
	ck_assert(!rep.same);
	ck_assert_uint_eq(rep.causes, 1);
	ck_assert_uint_eq(rep.differences, 1);
	ck_assert_uint_eq(s.ntype[RR_DIFF_CAUSE], 1);
	ck_assert_uint_eq(s.ntype[RR_DIFF_EFFECT], 1);
	ck_assert_uint_eq(s.ntype[RR_DIFF_SUMMARY], 1);
	ck_assert_uint_eq(s.a_event, 100);
	ck_assert_uint_eq(s.eff_a, 101);
	ck_assert(s.eff_shifted);
	/* Events 101..299 in pairs, shifted; the END at the same icount. */
	ck_assert_uint_eq(s.shifted, 199);
	ck_assert_uint_eq(s.changed, 0);
	ck_assert_uint_eq(s.unpaired, 0);
	ck_assert(!rep.gave_up);
	/* Without all: the cause and its effect, then stop. */
	ck_assert_int_eq(diff(a, b, NULL, &rep, &s), RR_OK);
	ck_assert_uint_eq(s.items, 2);
	ck_assert_uint_eq(rep.effect.event[0], 101);
	ck_assert_uint_eq(rep.effect.icount[1], 101 * 7 + 3);
}
END_TEST

/* Context shows kinds left out too, marked; they are not compared. */
START_TEST(context_ignored)
{
	struct rr_diff_report rep;
	struct rr_diff_options o;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 300, 151, 140, SIZE_MAX, 256);
	memset(&o, 0, sizeof(o));
	o.context = 4;
	o.ignore[RR_EV_CLOCK >> 3] |= 1u << (RR_EV_CLOCK & 7);
	ck_assert_int_eq(diff(a, b, &o, &rep, &s), RR_OK);
	ck_assert_int_eq(s.type, RR_DIFF_EFFECT);
	ck_assert_uint_eq(s.a_event, 151);
	ck_assert_uint_eq(s.nctx, 4);
	ck_assert_uint_eq(s.nignored, 2);	/* clocks 148, 150 */
	ck_assert_uint_eq(rep.inputs, 0);
}
END_TEST

/* A range: only the events in it are compared, on each side. */
START_TEST(ranged)
{
	struct rr_diff_report rep;
	struct rr_diff_options o;
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");

	write_log(a, 300, SIZE_MAX, SIZE_MAX, SIZE_MAX, 256);
	write_log(b, 300, 151, SIZE_MAX, SIZE_MAX, 256);
	memset(&o, 0, sizeof(o));
	o.ranged = 1;
	o.ev_lo[0] = o.ev_lo[1] = 0;
	o.ev_hi[0] = o.ev_hi[1] = 150;
	o.ic_hi[0] = o.ic_hi[1] = UINT64_MAX;
	ck_assert_int_eq(diff(a, b, &o, &rep, &s), RR_OK);
	ck_assert(rep.same);
	o.ev_lo[0] = o.ev_lo[1] = 151;
	o.ev_hi[0] = o.ev_hi[1] = UINT64_MAX;
	ck_assert_int_eq(diff(a, b, &o, &rep, &s), RR_OK);
	ck_assert(!rep.same);
	ck_assert_uint_eq(s.a_event, 151);
	ck_assert_uint_eq(rep.effect.event[0], 151);
}
END_TEST

/*
 * Streams that part too far to pair (one log's clocks where the other
 * has marks, for longer than RR_DIFF_LAG): the alignment stops, in
 * bounded memory, and says where.
 */
START_TEST(lag_bound)
{
	struct rr_diff_report rep;
	struct rr_diff_options o;
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct rr_writer_options wo = { 4096, 0, 1, 0, 0, NULL, 0 };
	struct seen s;
	const char *a = tmp("a.rr"), *b = tmp("b.rr");
	size_t i;
	int side;

	for (side = 0; side < 2; side++) {
		rr_header_init(&h);
		ck_assert_int_eq(rr_writer_open(&w, side ? b : a, &h, &wo,
		    &err), RR_OK);
		for (i = 0; i < 3 * RR_DIFF_LAG; i++)
			ck_assert_int_eq(side ? rr_writer_clock(w, i, 5) :
			    rr_writer_mark(w, i, "m"), RR_OK);
		ck_assert_int_eq(rr_writer_close(w, i, 0, RR_END_EXIT, NULL,
		    &err), RR_OK);
	}
	memset(&o, 0, sizeof(o));
	o.all = 1;
	ck_assert_int_eq(diff(a, b, &o, &rep, &s), RR_OK);
	ck_assert(rep.gave_up);
	ck_assert(!rep.same);
	ck_assert_uint_le(rep.gave_up_event[0], RR_DIFF_LAG + 2);
}
END_TEST

/*
 * A long payload is kept in part (memory stays bounded) but compared
 * whole: a difference past the kept bytes is still found.
 */
START_TEST(long_payload)
{
	struct rr_diff_report rep;
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct seen s;
	static uint8_t buf[4000];
	const char *a = tmp("a.rr"), *b = tmp("b.rr");
	int side;

	for (side = 0; side < 2; side++) {
		memset(buf, 'x', sizeof(buf));
		buf[3000] = side ? 'y' : 'x';
		rr_header_init(&h);
		ck_assert_int_eq(rr_writer_open(&w, side ? b : a, &h, NULL,
		    &err), RR_OK);
		ck_assert_int_eq(rr_writer_bh(w, 10, RR_DEV_UART,
		    RR_BH_UART_RX, buf, sizeof(buf)), RR_OK);
		ck_assert_int_eq(rr_writer_close(w, 20, 0, RR_END_EXIT, NULL,
		    &err), RR_OK);
	}
	ck_assert_int_eq(diff(a, b, NULL, &rep, &s), RR_OK);
	ck_assert(!rep.same);
	ck_assert_int_eq(s.type, RR_DIFF_CAUSE);
	ck_assert_uint_eq(s.a_event, 0);
	ck_assert_uint_eq(s.a_len, RR_DIFF_KEEP);
	ck_assert_uint_eq(s.a_size, sizeof(buf));
	ck_assert_int_eq(diff(a, a, NULL, &rep, &s), RR_OK);
	ck_assert(rep.same);
}
END_TEST

START_TEST(free_null)
{
	rr_diff_free(NULL);
	rr_verify_free(NULL);
}
END_TEST

/* ---- snapshots ---- */

static struct rr_snap *
snap(uint32_t a0, int page)
{
	struct rr_snap *s;
	uint32_t x[32];
	static uint8_t mem[8 * RR_SNAP_PAGE];

	memset(x, 0, sizeof(x));
	x[10] = a0;
	memset(mem, 0, sizeof(mem));
	if (page >= 0)
		mem[page * RR_SNAP_PAGE + 5] = 0x77;
	ck_assert_int_eq(rr_snap_new(&s, NULL), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "cpu"), RR_OK);
	ck_assert_int_eq(rr_snap_put_u32s(s, "x", x, 32), RR_OK);
	ck_assert_int_eq(rr_snap_begin(s, "ram"), RR_OK);
	ck_assert_int_eq(rr_snap_put_pages(s, "mem", mem, sizeof(mem)),
	    RR_OK);
	return s;
}

struct snapseen {
	uint64_t	 n, index, byte, a, b;
	int		 type;
};

static void
on_snap(void *arg, const struct rr_snapdiff_item *it)
{
	struct snapseen *s = arg;

	s->n++;
	s->type = it->type;
	s->index = it->index;
	s->byte = it->byte;
	s->a = it->a;
	s->b = it->b;
}

START_TEST(snap_fields)
{
	struct rr_snap *a = snap(1, -1), *b = snap(2, -1), *c = snap(1, 6);
	struct snapseen s;
	struct rr_error e;
	uint64_t n;

	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(rr_snap_diff(a, a, on_snap, &s, &n, &e), RR_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(rr_snap_diff(a, b, on_snap, &s, &n, &e), RR_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(s.type, RR_SNAPDIFF_ELEMENT);
	ck_assert_uint_eq(s.index, 10);
	ck_assert_uint_eq(s.a, 1);
	ck_assert_uint_eq(s.b, 2);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(rr_snap_diff(a, c, on_snap, &s, &n, &e), RR_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(s.type, RR_SNAPDIFF_PAGES);
	ck_assert_uint_eq(s.byte, 6 * RR_SNAP_PAGE + 5);
	ck_assert_uint_eq(s.a, 0);
	ck_assert_uint_eq(s.b, 0x77);
	rr_snap_free(a);
	rr_snap_free(b);
	rr_snap_free(c);
}
END_TEST

Suite *
suite_diff(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("logs");
	TCase *ts = tcase_create("snapshots");

	tcase_add_test(tc, same_log);
	tcase_add_test(tc, other_blocks_same);
	tcase_add_loop_test(tc, first_difference, 0, 120);
	tcase_add_test(tc, inputs_only);
	tcase_add_test(tc, prefix);
	tcase_add_test(tc, state_without_inputs);
	tcase_add_test(tc, state_after_inputs);
	tcase_add_test(tc, other_kind_same_icount);
	tcase_add_test(tc, type_names);
	tcase_add_test(tc, stale_errno);
	tcase_add_test(tc, one_cause_shifts);
	tcase_add_test(tc, context_ignored);
	tcase_add_test(tc, ranged);
	tcase_add_test(tc, lag_bound);
	tcase_add_test(tc, long_payload);
	tcase_add_test(tc, free_null);
	suite_add_tcase(s, tc);
	tcase_add_test(ts, snap_fields);
	suite_add_tcase(s, ts);
	return s;
}
