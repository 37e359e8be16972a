/* Unit tests: cutting, splitting, salvaging and merging logs (lib/cut.c, lib/merge.c, lib/source.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/rr.h"
#include "../../lib/internal.h"
#include "../../lib/rrcheck.h"
#include "../../lib/rredit.h"
#include "../../lib/rrsnap.h"
#include "unit.h"

#define KEYS	6		/* keyframes, every STEP instructions */
#define STEP	10000

/* Small blocks, so that events (keyframes, bottom halves) span blocks. */
static const uint32_t block_sizes[] = { 256, 1024, 65536 };
#define NB	((int)(sizeof(block_sizes) / sizeof(block_sizes[0])))

static char src[512];
static int bad_key = -1;	/* a keyframe whose state is not the
				   checkpoint's before it */
static int other_key = -1;	/* from here on, the states of another
				   run (checkpoints and keyframes agree) */
static int kf_inside;		/* keyframes inside blocks, as older
				   writers left them */

/*
 * A log with a keyframe every STEP instructions, checkpoints, clock
 * reads, bottom halves of a few hundred bytes, ending with the exit.
 */
static void
make_log(uint32_t bs)
{
	struct rr_writer_options o;
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error e;
	struct rr_snap_meta m;
	struct rr_snap *snap;
	uint8_t *kf, bh[300];
	size_t kflen;
	uint64_t ic, ns = 1700000000000000000ull;
	int k, i;

	snprintf(src, sizeof(src), "%s/src.rr", unit_tmpdir());
	rr_header_init(&h);
	memset(h.recording_id, 0x5a, 16);
	h.keyframe_interval = STEP;
	memset(&o, 0, sizeof(o));
	o.block_size = bs;
	o.keyframes_inside = kf_inside;
	ck_assert_int_eq(rr_writer_open(&w, src, &h, &o, &e), RR_OK);
	for (k = 0; k < KEYS; k++) {
		ic = (uint64_t)k * STEP;
		if (k > 0)
			ck_assert_int_eq(rr_writer_checkpoint(w, ic, ic +
			    (other_key >= 0 && k >= other_key), NULL, 0),
			    RR_OK);
		/* A snapshot whose state hash is the checkpoint's. */
		memset(&m, 0, sizeof(m));
		m.hdr = h;	/* of this machine and recording */
		m.icount = ic;
		m.state_hash = ic + (k == bad_key) +
		    (other_key >= 0 && k >= other_key);
		ck_assert_int_eq(rr_snap_new(&snap, &m), RR_OK);
		ck_assert_int_eq(rr_snap_begin(snap, "test"), RR_OK);
		memset(bh, k + 1, sizeof(bh));
		ck_assert_int_eq(rr_snap_put_bytes(snap, "fill", bh,
		    sizeof(bh)), RR_OK);
		ck_assert_int_eq(rr_snap_encode(snap, &kf, &kflen), RR_OK);
		rr_snap_free(snap);
		ck_assert_int_eq(rr_writer_keyframe(w, ic, kf, kflen), RR_OK);
		free(kf);
		for (i = 1; i < 60; i++) {
			ns += (uint64_t)(i * 37 % 1000);
			ck_assert_int_eq(rr_writer_clock(w, ic + (uint64_t)i *
			    100, ns), RR_OK);
			if (i % 17 == 0) {
				memset(bh, i + k, sizeof(bh));
				ck_assert_int_eq(rr_writer_bh(w, ic +
				    (uint64_t)i * 100, RR_DEV_UART,
				    RR_BH_UART_RX, bh,
				    (size_t)(i * 5)), RR_OK);
			}
		}
	}
	ck_assert_int_eq(rr_writer_close(w, (uint64_t)KEYS * STEP, 3,
	    RR_END_EXIT, NULL, &e), RR_OK);
}

/* Every event of path, in order, as one text per event (no numbers). */
static char *
events_text(const char *path, uint64_t from, uint64_t to, uint64_t *n)
{
	struct rr_reader *r;
	struct rr_event ev;
	struct rr_error e;
	char *buf, *p;
	size_t cap = 1 << 20, len = 0, i;
	int rc;

	ck_assert_int_eq(rr_reader_open(&r, path, &e), RR_OK);
	buf = calloc(1, cap);
	ck_assert_ptr_nonnull(buf);
	*n = 0;
	while ((rc = rr_reader_next(r, &ev)) == RR_OK) {
		(*n)++;
		if (ev.number < from || ev.number > to)
			continue;
		p = buf + len;
		len += (size_t)snprintf(p, cap - len, "%u %llu %llu %lld %u:",
		    ev.kind, (unsigned long long)ev.icount,
		    (unsigned long long)ev.value, (long long)ev.status,
		    ev.subkind);
		/* A clock's stored bytes depend on its block: its value
		   is what it says. */
		if (ev.kind == RR_EV_CLOCK)
			ev.len = 0;
		for (i = 0; i < ev.len && i < 8 && len + 3 < cap; i++)
			len += (size_t)snprintf(buf + len, cap - len, "%02x",
			    ev.data[i]);
		len += (size_t)snprintf(buf + len, cap - len, "/%zu\n", ev.len);
		ck_assert_uint_lt(len, cap - 64);
	}
	ck_assert_int_eq(rc, RR_EOF);
	rr_reader_close(r);
	return buf;
}

/*
 * The writer begins a block at each keyframe, so a cut from there copies
 * whole blocks; with keyframes_inside it leaves them where they fall.
 */
START_TEST(keyframe_blocks)
{
	struct rr_reader *r;
	struct rr_event ev;
	struct rr_error e;
	uint64_t prev = RR_NO_OFFSET;
	int keys = 0, first = 0, rc;

	kf_inside = _i;
	make_log(256);
	kf_inside = 0;
	ck_assert_int_eq(rr_reader_open(&r, src, &e), RR_OK);
	while ((rc = rr_reader_next(r, &ev)) == RR_OK) {
		if (ev.kind == RR_EV_KEYFRAME) {
			keys++;
			first += ev.offset != prev;
		}
		prev = ev.offset;
	}
	ck_assert_int_eq(rc, RR_EOF);
	ck_assert_int_eq(keys, KEYS);
	if (_i)
		ck_assert_int_lt(first, KEYS);
	else
		ck_assert_int_eq(first, KEYS);
	/* A seek to the block that begins at an icount finds each one. */
	for (keys = 0; !_i && keys < KEYS; keys++) {
		ck_assert_int_eq(rr_reader_seek_block_icount(r,
		    (uint64_t)keys * STEP), RR_OK);
		ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
		ck_assert_uint_eq(ev.kind, RR_EV_KEYFRAME);
		ck_assert_uint_eq(ev.icount, (uint64_t)keys * STEP);
	}
	rr_reader_close(r);
}
END_TEST

START_TEST(cut_every_range)
{
	struct rr_source *s;
	struct rr_cut_spec spec;
	struct rr_cut_plan p;
	struct rr_error e;
	char out[600], *a, *b, *nl;
	uint64_t lo, hi, n, m, total;

	kf_inside = _i / NB;
	make_log(block_sizes[_i % NB]);
	snprintf(out, sizeof(out), "%s/cut.rr", unit_tmpdir());
	free(events_text(src, 0, 0, &total));
	for (lo = 0; lo < KEYS * STEP; lo += 3700) {
		for (hi = lo; hi < KEYS * STEP + 200; hi += 5300) {
			ck_assert_int_eq(rr_source_open(&s, src, &e), RR_OK);
			memset(&spec, 0, sizeof(spec));
			spec.by_icount = 1;
			spec.lo = lo;
			spec.hi = hi;
			ck_assert_int_eq(rr_cut_plan(s, &spec, &p), RR_OK);
			ck_assert_uint_le(p.key_icount, lo);
			ck_assert_uint_gt(p.key_icount + STEP, lo);
			ck_assert_int_eq(rr_cut_write(s, &p, out), RR_OK);
			rr_source_close(s);
			/* The cut holds its parent's events, then END. */
			a = events_text(src, p.key_event, p.last_event, &n);
			b = events_text(out, 0, p.last_event - p.key_event, &m);
			ck_assert_uint_eq(m, p.last_event - p.key_event + 2);
			ck_assert_str_eq(a, b);
			free(a);
			free(b);
			/* Its END: the parent's, or a cut after the range. */
			b = events_text(out, m - 1, m - 1, &m);
			nl = strchr(b, ' ');
			ck_assert_ptr_nonnull(nl);
			ck_assert_int_eq(atoi(b), RR_EV_END);
			if (p.keeps_end)
				ck_assert_uint_ge(hi + 1, KEYS * STEP);
			else
				ck_assert_uint_eq(strtoull(nl + 1, NULL, 10),
				    hi + 1);
			free(b);
		}
	}
}
END_TEST

START_TEST(split_and_merge_back)
{
	struct rr_source *s, *pieces[KEYS];
	struct rr_key keys[KEYS];
	struct rr_cut_plan p;
	struct rr_merge_report rep;
	struct rr_error e;
	uint64_t targets[KEYS], n, m;
	size_t nk = KEYS, i;
	char name[KEYS][600], out[600], *a, *b;

	kf_inside = _i / NB;
	make_log(block_sizes[_i % NB]);
	ck_assert_int_eq(rr_source_open(&s, src, &e), RR_OK);
	for (i = 0; i + 1 < KEYS; i++)
		targets[i] = (i + 1) * STEP + 50;
	ck_assert_int_eq(rr_split_keys(s, targets, KEYS - 1, keys, &nk),
	    RR_OK);
	ck_assert_uint_eq(nk, KEYS);
	for (i = 0; i < nk; i++) {
		ck_assert_int_eq(rr_split_plan(s, keys, nk, i, &p), RR_OK);
		snprintf(name[i], sizeof(name[i]), "%s/p-%zu.rr",
		    unit_tmpdir(), i);
		ck_assert_int_eq(rr_cut_write(s, &p, name[i]), RR_OK);
	}
	rr_source_close(s);
	/* Given backwards, merged in icount order. */
	for (i = 0; i < nk; i++)
		ck_assert_int_eq(rr_source_open(&pieces[i], name[nk - 1 - i],
		    &e), RR_OK);
	snprintf(out, sizeof(out), "%s/m.rr", unit_tmpdir());
	ck_assert_msg(rr_merge(pieces, nk, out, NULL, &rep) == RR_OK, "%s",
	    rep.what);
	ck_assert_uint_eq(rep.order[0], nk - 1);
	for (i = 0; i < nk; i++)
		rr_source_close(pieces[i]);
	a = events_text(src, 0, UINT64_MAX, &n);
	b = events_text(out, 0, UINT64_MAX, &m);
	ck_assert_uint_eq(n, m);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

/* Two cuts with a gap between them, or that differ: nothing written. */
START_TEST(merge_refuses)
{
	struct rr_source *s, *pc[2];
	struct rr_cut_spec spec = { 1, 0, STEP };
	struct rr_cut_plan p;
	struct rr_merge_report rep;
	struct rr_error e;
	struct stat st;
	char a[600], b[600], out[600];

	make_log(256);
	snprintf(a, sizeof(a), "%s/a.rr", unit_tmpdir());
	snprintf(b, sizeof(b), "%s/b.rr", unit_tmpdir());
	snprintf(out, sizeof(out), "%s/m.rr", unit_tmpdir());
	ck_assert_int_eq(rr_source_open(&s, src, &e), RR_OK);
	ck_assert_int_eq(rr_cut_plan(s, &spec, &p), RR_OK);
	ck_assert_int_eq(p.keeps_end, 0);	/* a cut's own END */
	ck_assert_int_eq(rr_cut_write(s, &p, a), RR_OK);
	spec.lo = 3 * STEP;
	spec.hi = UINT64_MAX;
	ck_assert_int_eq(rr_cut_plan(s, &spec, &p), RR_OK);
	ck_assert_int_eq(p.keeps_end, 1);	/* the log's END */
	ck_assert_int_eq(rr_cut_write(s, &p, b), RR_OK);
	rr_source_close(s);
	ck_assert_int_eq(rr_source_open(&pc[0], b, &e), RR_OK);
	ck_assert_int_eq(rr_source_open(&pc[1], a, &e), RR_OK);
	ck_assert_int_eq(rr_merge(pc, 2, out, NULL, &rep), RR_FAILED);
	ck_assert_ptr_nonnull(strstr(rep.what, "gap"));
	ck_assert_uint_eq(rep.piece, 0);
	ck_assert_int_ne(stat(out, &st), 0);
	rr_source_close(pc[0]);
	rr_source_close(pc[1]);
}
END_TEST

/*
 * Split targets by size never write past the room given: a log of many
 * 256-byte blocks asked for 1-byte pieces fills exactly the room, and
 * the slot after it is untouched.
 */
START_TEST(split_size_room)
{
	struct rr_source *s;
	struct rr_error e;
	uint64_t t[4];
	size_t n;

	make_log(256);
	ck_assert_int_eq(rr_source_open(&s, src, &e), RR_OK);
	t[3] = 0xfeedULL;
	ck_assert_int_eq(rr_split_targets_by_size(s, 1, t, &n, 3), RR_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(t[3], 0xfeedULL);
	ck_assert_uint_lt(t[0], t[1]);
	ck_assert_uint_lt(t[1], t[2]);
	/* A size of 0 is refused. */
	ck_assert_int_eq(rr_split_targets_by_size(s, 0, t, &n, 3),
	    RR_FAILED);
	rr_source_close(s);
}
END_TEST

/*
 * rrverify hands each keyframe's snapshot to the machine's check (the
 * keyframe callback): it is called once a keyframe, with the event, and
 * a state the machine refuses makes the log corrupt at that keyframe.
 */
struct kfcalls {
	int		 n;
	int		 refuse;	/* keyframe number to refuse, or -1 */
	uint64_t	 refused_event;
	uint64_t	 problem_event;
	const char	*check;
};

static int
kf_check(void *arg, const struct rr_snap *snap, const struct rr_event *ev,
    char *msg, size_t len)
{
	struct kfcalls *c = arg;

	ck_assert_uint_eq(rr_snap_meta(snap)->icount, ev->icount);
	if (c->n++ == c->refuse) {
		c->refused_event = ev->number;
		snprintf(msg, len, "refused by the test");
		return -1;
	}
	return 0;
}

static void
kf_problem(void *arg, const struct rr_problem *p)
{
	struct kfcalls *c = arg;

	if (c->check == NULL) {
		c->check = p->check;
		c->problem_event = p->event;
	}
}

START_TEST(verify_keyframe_callback)
{
	struct rr_verify *v;
	struct rr_verify_report rep;
	struct kfcalls c;

	make_log(1024);
	memset(&c, 0, sizeof(c));
	c.refuse = -1;
	ck_assert_ptr_nonnull(v = rr_verify_new());
	rr_verify_set_keyframe(v, kf_check, &c);
	rr_verify_set_problem(v, kf_problem, &c);
	ck_assert_int_eq(rr_verify_log(v, src, &rep), RR_OK);
	ck_assert_int_eq(rep.verdict, RR_VERDICT_VALID);
	ck_assert_int_eq(c.n, KEYS);
	memset(&c, 0, sizeof(c));
	c.refuse = 2;
	ck_assert_int_eq(rr_verify_log(v, src, &rep), RR_OK);
	ck_assert_int_eq(rep.verdict, RR_VERDICT_CORRUPT);
	ck_assert_int_eq(c.n, KEYS);
	ck_assert_ptr_nonnull(c.check);
	ck_assert_str_eq(c.check, "keyframe-state");
	ck_assert_uint_eq(c.problem_event, c.refused_event);
	rr_verify_free(v);
}
END_TEST

/*
 * The keyframe finder reads through damage only to say so: a log with
 * a damaged block between keyframes gives an error, not the keyframe
 * before the damage as if the log ended there.
 */
START_TEST(last_keyframe_damage)
{
	struct rr_key_bounds b = { 0, UINT64_MAX, 0, UINT64_MAX };
	struct rr_reader *r;
	struct rr_event ev;
	struct rr_error e;
	char bad[600];
	uint8_t *all;
	size_t len;
	FILE *f;

	make_log(1024);
	ck_assert_int_eq(rr_reader_open(&r, src, &e), RR_OK);
	ck_assert_int_eq(rr_reader_last_keyframe(r, &b, &ev), RR_OK);
	ck_assert_uint_eq(ev.icount, (uint64_t)(KEYS - 1) * STEP);
	rr_reader_close(r);
	all = unit_slurp(src, &len);
	ck_assert_ptr_nonnull(all);
	all[len * 3 / 4] ^= 0x40;
	snprintf(bad, sizeof(bad), "%s/damaged.rr", unit_tmpdir());
	f = fopen(bad, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(all, 1, len, f), len);
	fclose(f);
	free(all);
	ck_assert_int_eq(rr_reader_open(&r, bad, &e), RR_OK);
	ck_assert_int_ne(rr_reader_last_keyframe(r, &b, &ev), RR_OK);
	ck_assert_int_ne(rr_reader_error(r)->kind, 0);
	rr_reader_close(r);
}
END_TEST

/* A log cut short anywhere salvages to a prefix of its events. */
START_TEST(salvage_any_length)
{
	struct rr_source *s;
	struct rr_salvage_report rep;
	struct rr_error e;
	char cut[600], out[600], *a, *b;
	uint8_t *all;
	size_t len, at;
	uint64_t n, m;
	FILE *f;
	int rc;

	make_log(256);
	all = unit_slurp(src, &len);
	ck_assert_ptr_nonnull(all);
	snprintf(cut, sizeof(cut), "%s/killed.rr", unit_tmpdir());
	snprintf(out, sizeof(out), "%s/saved.rr", unit_tmpdir());
	for (at = len / 8; at < len; at += len / 23) {
		f = fopen(cut, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(all, 1, at, f), at);
		fclose(f);
		unlink(out);
		ck_assert_int_eq(rr_source_open(&s, cut, &e), RR_OK);
		rc = rr_salvage(s, out, &rep);
		rr_source_close(s);
		if (rc != RR_OK)
			continue;	/* nothing before the damage */
		/*
		 * Always cut short, so always a loss (exit 1), as rrverify
		 * says truncated; with only the footer cut off, END was
		 * there and every event is kept.
		 */
		ck_assert_int_eq(rep.lost, 1);
		if (rep.closed)
			ck_assert_uint_eq(rep.events_lost, 0);
		a = events_text(src, 0, rep.events_kept - 1, &n);
		b = events_text(out, 0, rep.events_kept - 1, &m);
		ck_assert_uint_eq(m, rep.events_kept + 1);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
	}
	free(all);
}
END_TEST

/*
 * A log whose footer alone is cut short still has every event and its
 * END: the salvage loses bytes, no event (events_lost 0, not "at least
 * one").
 */
START_TEST(salvage_footer_only)
{
	struct rr_source *s;
	struct rr_salvage_report rep;
	struct rr_error e;
	char cut[600], out[600];
	uint8_t *all;
	size_t len;
	FILE *f;

	make_log(1024);
	all = unit_slurp(src, &len);
	ck_assert_ptr_nonnull(all);
	snprintf(cut, sizeof(cut), "%s/nofooter.rr", unit_tmpdir());
	snprintf(out, sizeof(out), "%s/saved.rr", unit_tmpdir());
	f = fopen(cut, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(all, 1, len - 1, f), len - 1);
	fclose(f);
	free(all);
	ck_assert_int_eq(rr_source_open(&s, cut, &e), RR_OK);
	ck_assert_int_eq(rr_salvage(s, out, &rep), RR_OK);
	rr_source_close(s);
	ck_assert_int_eq(rep.lost, 1);
	ck_assert_int_eq(rep.closed, 1);
	ck_assert_uint_eq(rep.events_lost, 0);
	ck_assert_uint_eq(rep.icount_kept, (uint64_t)KEYS * STEP);
}
END_TEST

/*
 * A salvage of a log whose keyframe 3 is one rrverify rejects (its state
 * is not the checkpoint's; the checksums are right) keeps what comes
 * before that keyframe, as it would before damage, then a gap, then
 * what follows the next keyframe: the first stretch kept events, so it
 * is kept, not taken for "nothing before the damage".
 */
START_TEST(salvage_around_rejected_keyframe)
{
	struct rr_source *s;
	struct rr_salvage_report rep;
	struct rr_reader *r;
	struct rr_event ev;
	struct rr_error e;
	char out[600], *a, *b;
	uint64_t n, m, before = 0;

	bad_key = 3;
	make_log(1024);
	bad_key = -1;
	snprintf(out, sizeof(out), "%s/saved.rr", unit_tmpdir());
	ck_assert_int_eq(rr_source_open(&s, src, &e), RR_OK);
	ck_assert_int_eq(rr_salvage(s, out, &rep), RR_OK);
	rr_source_close(s);
	ck_assert_int_eq(rep.lost, 1);
	ck_assert_int_eq(rep.segments, 2);
	ck_assert_uint_eq(rep.icount_kept, 3 * STEP);
	ck_assert_uint_eq(rep.resume_icount, 4 * STEP);
	/* The events before the bad keyframe's icount are kept as they are. */
	ck_assert_int_eq(rr_reader_open(&r, src, &e), RR_OK);
	while (rr_reader_next(r, &ev) == RR_OK && ev.icount < 3 * STEP)
		before = ev.number;
	rr_reader_close(r);
	ck_assert_uint_gt(before, 3);
	a = events_text(src, 0, before, &n);
	b = events_text(out, 0, before, &m);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

/*
 * A log whose keyframe is not the state of the checkpoint before it is
 * one rrverify rejects: no cut of it copies that keyframe.
 */
START_TEST(cut_refuses_bad_keyframe)
{
	struct rr_source *s;
	struct rr_key keys[3];
	struct rr_cut_plan p;
	struct rr_error e;
	uint64_t t[2] = { 2 * STEP, 4 * STEP };
	size_t nk = 3;
	char name[600];

	bad_key = 2;
	make_log(1024);
	bad_key = -1;
	ck_assert_int_eq(rr_source_open(&s, src, &e), RR_OK);
	ck_assert_int_eq(rr_split_keys(s, t, 2, keys, &nk), RR_OK);
	ck_assert_uint_eq(nk, 3);
	snprintf(name, sizeof(name), "%s/c.rr", unit_tmpdir());
	/* The piece before it is whole and good. */
	ck_assert_int_eq(rr_split_plan(s, keys, nk, 0, &p), RR_OK);
	ck_assert_int_eq(rr_cut_write(s, &p, name), RR_OK);
	ck_assert_int_eq(rr_split_plan(s, keys, nk, 1, &p), RR_OK);
	ck_assert_int_eq(rr_cut_write(s, &p, name), RR_FAILED);
	ck_assert_int_eq(rr_source_error(s)->kind, RR_E_CORRUPT);
	ck_assert_uint_eq(rr_source_error(s)->event, keys[1].event);
	ck_assert_msg(strstr(rr_source_error(s)->msg, "checkpoint") != NULL,
	    "%s", rr_source_error(s)->msg);
	rr_source_close(s);
}
END_TEST

/*
 * RR_MERGE_MAX pieces can be merged, one more cannot: 256 copies of one
 * log (every overlap agrees) merge into that log; 257 are refused, with
 * the limit named, before any is read.
 */
START_TEST(merge_piece_limit)
{
	static struct rr_source *pieces[RR_MERGE_MAX + 1];
	struct rr_merge_report rep;
	struct rr_error e;
	char name[600], out[600], *a, *b;
	uint8_t *all;
	uint64_t n, m;
	size_t len, i;
	FILE *f;

	make_log(65536);
	all = unit_slurp(src, &len);
	ck_assert_ptr_nonnull(all);
	for (i = 0; i < RR_MERGE_MAX; i++) {
		snprintf(name, sizeof(name), "%s/copy-%zu.rr", unit_tmpdir(),
		    i);
		f = fopen(name, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(all, 1, len, f), len);
		fclose(f);
		ck_assert_int_eq(rr_source_open(&pieces[i], name, &e), RR_OK);
	}
	free(all);
	pieces[RR_MERGE_MAX] = pieces[0];
	snprintf(out, sizeof(out), "%s/m.rr", unit_tmpdir());
	ck_assert_int_ne(rr_merge(pieces, RR_MERGE_MAX + 1, out, NULL, &rep),
	    RR_OK);
	ck_assert_ptr_nonnull(strstr(rep.what, "257 pieces: 1 to 256"));
	ck_assert_int_eq(access(out, 0), -1);
	ck_assert_msg(rr_merge(pieces, RR_MERGE_MAX, out, NULL, &rep) ==
	    RR_OK, "%s", rep.what);
	for (i = 0; i < RR_MERGE_MAX; i++)
		rr_source_close(pieces[i]);
	a = events_text(src, 0, UINT64_MAX, &n);
	b = events_text(out, 0, UINT64_MAX, &m);
	ck_assert_uint_eq(n, m);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

/* Pieces of two runs, each valid, are refused: not continuous. */
START_TEST(merge_checks_continuity)
{
	struct rr_source *s, *pc[2];
	struct rr_key keys[3];
	struct rr_cut_plan p;
	struct rr_merge_report rep;
	struct rr_error e;
	uint64_t t[2] = { 2 * STEP, 4 * STEP };
	size_t nk, i;
	char name[2][600], out[600];

	for (i = 0; i < 2; i++) {
		/* Piece 0 of this run, piece 1 of a run that parted at 2. */
		other_key = i == 0 ? -1 : 2;
		make_log(1024);
		other_key = -1;
		nk = 3;
		ck_assert_int_eq(rr_source_open(&s, src, &e), RR_OK);
		ck_assert_int_eq(rr_split_keys(s, t, 2, keys, &nk), RR_OK);
		ck_assert_uint_eq(nk, 3);
		ck_assert_int_eq(rr_split_plan(s, keys, nk, i, &p), RR_OK);
		snprintf(name[i], sizeof(name[i]), "%s/c-%zu.rr",
		    unit_tmpdir(), i);
		ck_assert_int_eq(rr_cut_write(s, &p, name[i]), RR_OK);
		rr_source_close(s);
		ck_assert_int_eq(rr_source_open(&pc[i], name[i], &e), RR_OK);
	}
	snprintf(out, sizeof(out), "%s/m.rr", unit_tmpdir());
	ck_assert_int_eq(rr_merge(pc, 2, out, NULL, &rep), RR_FAILED);
	ck_assert_msg(strstr(rep.what, "not continuous") != NULL, "%s",
	    rep.what);
	ck_assert_uint_eq(rep.piece, 1);
	ck_assert_int_eq(access(out, F_OK), -1);
	rr_source_close(pc[0]);
	rr_source_close(pc[1]);
}
END_TEST

Suite *
suite_cut(void)
{
	Suite *s = suite_create("cut");
	TCase *tc = tcase_create("core");

	/* Each block size, keyframes beginning blocks, then inside them. */
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, keyframe_blocks, 0, 2);
	tcase_add_loop_test(tc, cut_every_range, 0, 2 * NB);
	tcase_add_loop_test(tc, split_and_merge_back, 0, 2 * NB);
	tcase_add_test(tc, merge_refuses);
	tcase_add_test(tc, cut_refuses_bad_keyframe);
	tcase_add_test(tc, salvage_around_rejected_keyframe);
	tcase_add_test(tc, salvage_footer_only);
	tcase_add_test(tc, split_size_room);
	tcase_add_test(tc, verify_keyframe_callback);
	tcase_add_test(tc, last_keyframe_damage);
	tcase_add_test(tc, merge_piece_limit);
	tcase_add_test(tc, merge_checks_continuity);
	tcase_add_test(tc, salvage_any_length);
	suite_add_tcase(s, tc);
	return s;
}
