/* Unit tests: the QEMU replay log reader (lib/qreplay.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/rr.h"
#include "../../lib/qreplay.h"
#include "../data/qasm.h"
#include "unit.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A QEMU log from a readable description (tests/data/qasm.c). */
struct qbuf {
	uint8_t	 p[4096];
	size_t	 len;
};

static struct qbuf
qasm_buf(const char *desc)
{
	struct qbuf b;
	char err[300];

	ck_assert_msg(qasm(desc, b.p, sizeof(b.p), &b.len, err,
	    sizeof(err)) == 0, "%s", err);
	return b;
}

static struct rr_qreader *
open_bytes(const uint8_t *p, size_t n, struct rr_error *err, int *rc)
{
	char path[4096];
	struct rr_qreader *r;
	FILE *f;

	snprintf(path, sizeof(path), "%s/q.bin", unit_tmpdir());
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	*rc = rr_qreader_open(&r, path, err);
	return r;
}

/* Every kind of 0xe0200c, one event each, with its payload. */
static const char every_kind[] =
    "hdr:e0200c "
    "clock-host q:1000 "
    "checkpoint-init "
    "async-bh q:7 async-bh-oneshot q:8 "
    "async-input d:0 d:0 q:30 b:1 "
    "async-input d:0 d:1 d:17 b:0 "
    "async-input d:1 d:2 b:1 async-input d:2 d:0 q:-5 "
    "async-input d:3 d:1 q:400 async-input-sync "
    "async-char-read b:0 a:hi async-block q:99 "
    "async-net b:1 d:2 a:pkt "
    "instruction d:100 "
    "interrupt exception "
    "char-write d:1 d:0 char-read-all a:abc char-read-all-error d:-11 "
    "audio-out q:64 audio-in q:1 q:5 q:1 q:2 "
    "random d:0 a:rnd "
    "instruction d:23 clock-virtual-rt q:-1 "
    "checkpoint-clock-warp-start checkpoint-clock-warp-account "
    "checkpoint-reset-requested checkpoint-suspend-requested "
    "checkpoint-clock-virtual checkpoint-clock-host "
    "checkpoint-clock-virtual-rt checkpoint-reset "
    "shutdown-none shutdown-host-error shutdown-host-qmp-quit "
    "shutdown-host-qmp-system-reset shutdown-host-ui "
    "shutdown-guest-shutdown shutdown-guest-reset shutdown-guest-panic "
    "shutdown-subsystem-reset shutdown-snapshot-load k:21 "
    "shutdown-host-signal end";

START_TEST(every_kind_decodes)
{
	struct qbuf b = qasm_buf(every_kind);
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	struct rr_qinfo info;
	uint64_t n = 0, seen[RR_Q_KIND_COUNT];
	int rc, i;

	memset(seen, 0, sizeof(seen));
	r = open_bytes(b.p, b.len, &err, &rc);
	ck_assert_int_eq(rc, RR_OK);
	while ((rc = rr_qreader_next(r, &e)) == RR_OK) {
		ck_assert_uint_eq(e->number, n);
		ck_assert_str_eq(e->name, rr_qkind_name(e->raw));
		seen[e->raw]++;
		switch (n) {
		case 0:
			ck_assert_int_eq(e->kind, RR_Q_CLOCK);
			ck_assert_int_eq(e->value, 1000);
			ck_assert_uint_eq(e->offset, 12);
			ck_assert_uint_eq(e->size, 9);
			break;
		case 1:
			ck_assert_str_eq(e->subname, "init");
			break;
		case 2:
			ck_assert_uint_eq(e->id, 7);
			ck_assert_uint_eq(e->checkpoint, 1);
			break;
		case 4:		/* key, by number */
			ck_assert_uint_eq(e->input_type, 0);
			ck_assert_uint_eq(e->key_kind, 0);
			ck_assert_int_eq(e->value, 30);
			ck_assert_uint_eq(e->down, 1);
			ck_assert_uint_eq(e->checkpoint, 1);
			break;
		case 5:		/* key, by qcode */
			ck_assert_uint_eq(e->key_kind, 1);
			ck_assert_uint_eq(e->code, 17);
			ck_assert_uint_eq(e->down, 0);
			break;
		case 6:
			ck_assert_uint_eq(e->code, 2);
			ck_assert_uint_eq(e->down, 1);
			break;
		case 7:
			ck_assert_int_eq(e->value, -5);
			break;
		case 8:
			ck_assert_uint_eq(e->input_type, 3);
			ck_assert_int_eq(e->value, 400);
			break;
		case 10:
			ck_assert_uint_eq(e->len, 2);
			ck_assert_int_eq(memcmp(e->data, "hi", 2), 0);
			break;
		case 11:
			ck_assert_uint_eq(e->id, 99);
			break;
		case 12:
			ck_assert_uint_eq(e->index, 1);
			ck_assert_uint_eq(e->flags, 2);
			ck_assert_int_eq(memcmp(e->data, "pkt", 3), 0);
			break;
		case 13:
			ck_assert_uint_eq(e->n, 100);
			ck_assert_uint_eq(e->icount, 100);
			ck_assert_uint_eq(e->checkpoint, RR_NO_EVENT);
			break;
		case 16:
			ck_assert_int_eq(e->result, 1);
			ck_assert_int_eq(e->arg, 0);
			break;
		case 18:
			ck_assert_int_eq(e->result, -11);
			break;
		case 20:	/* audio-in: 1 sample, wpos 5 */
			ck_assert_uint_eq(e->n, 1);
			ck_assert_uint_eq(e->wpos, 5);
			ck_assert_uint_eq(e->len, 16);
			break;
		case 21:
			ck_assert_uint_eq(e->len, 3);
			break;
		case 23:
			ck_assert_int_eq(e->value, -1);
			ck_assert_uint_eq(e->icount, 123);
			break;
		}
		if (e->kind == RR_Q_SHUTDOWN && e->sub <= 10)
			ck_assert_str_eq(e->subname,
			    rr_qshutdown_name(e->sub));
		n++;
	}
	ck_assert_int_eq(rc, RR_EOF);
	rr_qreader_info(r, &info);
	ck_assert_int_eq(info.ended, 1);
	ck_assert_uint_eq(info.version, RR_Q_V0C);
	ck_assert_uint_eq(info.icount, 123);
	ck_assert_uint_eq(info.events, n);
	ck_assert_uint_eq(info.good_end, b.len);
	for (i = 0; i < RR_Q_KIND_COUNT; i++) {
		ck_assert_msg(seen[i] > 0, "kind %d not seen", i);
		ck_assert_uint_eq(seen[i], info.kinds[i]);
	}
	rr_qreader_close(r);
}
END_TEST

/*
 * Every prefix of a good log: the whole events before the cut are read,
 * then "truncated" at the end of the last of them.
 */
START_TEST(truncated_at_last_whole_event)
{
	struct qbuf b = qasm_buf(every_kind);
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	struct rr_qinfo info;
	uint64_t end;
	size_t cut;
	int rc;

	for (cut = 0; cut < b.len; cut++) {
		r = open_bytes(b.p, cut, &err, &rc);
		if (cut < RR_Q_HEADER_LEN) {
			ck_assert_int_eq(rc, RR_FATAL);
			ck_assert_int_eq(err.kind, RR_E_TRUNCATED);
			ck_assert_ptr_null(r);
			continue;
		}
		ck_assert_int_eq(rc, RR_OK);
		end = RR_Q_HEADER_LEN;
		while ((rc = rr_qreader_next(r, &e)) == RR_OK) {
			ck_assert_uint_le(e->offset + e->size, cut);
			end = e->offset + e->size;
		}
		ck_assert_int_eq(rc, RR_FATAL);
		ck_assert_int_eq(rr_qreader_error(r)->kind, RR_E_TRUNCATED);
		ck_assert_uint_eq(rr_qreader_error(r)->offset, end);
		rr_qreader_info(r, &info);
		ck_assert_uint_eq(info.good_end, end);
		ck_assert_uint_eq(rr_qreader_error(r)->event, info.events);
		/* A dead handle stays dead. */
		ck_assert_int_eq(rr_qreader_next(r, &e), RR_FATAL);
		rr_qreader_close(r);
	}
}
END_TEST

/* Damage that stops the stream, with the kind of error and its offset. */
static const struct {
	const char	*desc;
	int		 kind;
	uint64_t	 offset;
	const char	*msg;
} bad[] = {
	{ "hdr:e0200c k:40", RR_E_CORRUPT, 12, "unknown event kind 40" },
	{ "hdr:e0200c instruction d:5 k:255", RR_E_CORRUPT, 17,
	    "unknown event kind 255" },
	{ "hdr:e0200c random d:0 A:0xffffffff", RR_E_CORRUPT, 12,
	    "over the limit" },
	{ "hdr:e0200c async-char-read b:0 A:0x4000000 b:1", RR_E_TRUNCATED,
	    12, "inside async-char-read" },
	{ "hdr:e0200c audio-in q:0x7fffffffffffffff q:0", RR_E_CORRUPT, 12,
	    "over the limit" },
	{ "hdr:e0200c async-input d:9", RR_E_CORRUPT, 12,
	    "unknown input type" },
	{ "hdr:e0200c async-input d:0 d:2 d:1 b:1", RR_E_CORRUPT, 12,
	    "unknown key kind" },
	{ "hdr:e0200c end b:0", RR_E_CORRUPT, 13, "bytes after EVENT_END" },
	{ "hdr:e0200c instruction d:1", RR_E_TRUNCATED, 17,
	    "without EVENT_END" },
	{ "hdr:0 instruction d:1 clock-host q:5", RR_E_TRUNCATED, 26,
	    "QEMU writes its header last" },
	{ "hdr:0 instruction d:1 end", RR_E_TRUNCATED, 18,
	    "the header is zero" },
	{ "hdr:e0200b end", RR_E_UNSUPPORTED, 0, "version 0xe0200b" },
	{ "hdr:e0200e end", RR_E_UNSUPPORTED, 0, "version 0xe0200e" },
	{ "hdr:12345678 end", RR_E_UNSUPPORTED, 0, "version 0x12345678" },
};

START_TEST(damage_table)
{
	struct qbuf b = qasm_buf(bad[_i].desc);
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	const struct rr_error *got = &err;
	int rc;

	r = open_bytes(b.p, b.len, &err, &rc);
	if (rc == RR_OK) {
		while ((rc = rr_qreader_next(r, &e)) == RR_OK)
			;
		got = rr_qreader_error(r);
	}
	ck_assert_int_eq(rc, RR_FATAL);
	ck_assert_int_eq(got->kind, bad[_i].kind);
	ck_assert_uint_eq(got->offset, bad[_i].offset);
	ck_assert_msg(strstr(got->msg, bad[_i].msg) != NULL, "%s: %s",
	    bad[_i].desc, got->msg);
	rr_qreader_close(r);
}
END_TEST

/* A killed QEMU's log: no header, read with 0xe0200c's layout. */
START_TEST(header_missing)
{
	/* The last instruction event is cut after 2 of its 4 count bytes. */
	struct qbuf b = qasm_buf("hdr:0 clock-host q:1 instruction d:9 "
	    "instruction b:0 b:0");
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	struct rr_qinfo info;
	int rc;

	r = open_bytes(b.p, b.len, &err, &rc);
	ck_assert_int_eq(rc, RR_OK);
	rr_qreader_info(r, &info);
	ck_assert_int_eq(info.header_missing, 1);
	ck_assert_uint_eq(info.version, RR_Q_V0C);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
	ck_assert_uint_eq(e->icount, 9);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_FATAL);
	ck_assert_int_eq(rr_qreader_error(r)->kind, RR_E_TRUNCATED);
	ck_assert_uint_eq(rr_qreader_error(r)->offset, 26);
	rr_qreader_close(r);
}
END_TEST

/* 0xe0200d: audio-in is a count and the samples, no wpos. */
START_TEST(version_d_audio_in)
{
	struct qbuf b = qasm_buf("hdr:e0200d audio-in q:2 q:1 q:2 q:3 q:4 end");
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	int rc;

	r = open_bytes(b.p, b.len, &err, &rc);
	ck_assert_int_eq(rc, RR_OK);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
	ck_assert_uint_eq(e->n, 2);
	ck_assert_uint_eq(e->wpos, 0);
	ck_assert_uint_eq(e->size, 1 + 8 + 32);
	ck_assert_uint_eq(e->data[15], 2);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
	ck_assert_int_eq(e->raw, RR_Q_END);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_EOF);
	rr_qreader_close(r);
}
END_TEST

/* From a pipe, with the bytes read to probe it handed back. */
START_TEST(pipe_with_prefix)
{
	struct qbuf b = qasm_buf("hdr:e0200c random d:0 a:abcdefgh end");
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], b.p + 8, b.len - 8),
	    (ssize_t)(b.len - 8));
	close(fds[1]);
	ck_assert_int_eq(rr_probe(b.p, 8), RR_PROBE_QEMU);
	ck_assert_int_eq(rr_qreader_open_fd(&r, fds[0], b.p, 8, &err),
	    RR_OK);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
	ck_assert_int_eq(memcmp(e->data, "abcdefgh", 8), 0);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_EOF);
	rr_qreader_close(r);
	close(fds[0]);
}
END_TEST

/*
 * The side index on a log of 3.5 marks (229,376 events): a cycle of 7
 * kinds (so marks fall on every kind of the cycle, async events right
 * after a checkpoint among them) read through once, then read again
 * from a seek to each place around the marks, by event number and by
 * icount: the events read after the seek are the same, with the same
 * icounts, offsets and checkpoints.
 */
#define SIDE_EVENTS	(7u * 32768u)

static uint8_t *
side_log(size_t *len)
{
	uint8_t *p = malloc(12 + (size_t)SIDE_EVENTS * 9 + 1), *q;
	uint32_t i;
	int b;

	ck_assert_ptr_nonnull(p);
	memset(p, 0, 12);
	p[1] = 0xe0, p[2] = 0x20, p[3] = 0x0c;
	q = p + 12;
	for (i = 0; i < SIDE_EVENTS; i++)
		switch (i % 7) {
		case 0:
		case 5:		/* instruction, 1 to 5 */
			*q++ = RR_Q_INSTRUCTION;
			*q++ = 0, *q++ = 0, *q++ = 0, *q++ = (uint8_t)(i % 5 + 1);
			break;
		case 1:		/* checkpoint clock-virtual, asyncs follow */
			*q++ = RR_Q_CHECKPOINT + 4;
			break;
		case 2:
		case 3:		/* async bh, id i */
		case 4:		/* clock-host, value i */
			*q++ = i % 7 == 4 ? RR_Q_CLOCK : RR_Q_ASYNC + RR_QA_BH;
			for (b = 7; b >= 0; b--)
				*q++ = b < 4 ? (uint8_t)(i >> (8 * b)) : 0;
			break;
		default:	/* checkpoint clock-warp-account */
			*q++ = RR_Q_CHECKPOINT + 1;
			break;
		}
	*q++ = RR_Q_END;
	*len = (size_t)(q - p);
	return p;
}

struct side_ev {
	uint64_t	 icount, offset, checkpoint;
};

START_TEST(side_index)
{
	static const uint64_t at[] = {
		0, 1, 2, 65535, 65536, 65537, 65538, 65539, 65540, 65541,
		131071, 131072, 131073, 196607, 196608, 196609, 229375,
		SIDE_EVENTS, SIDE_EVENTS + 5
	};
	struct side_ev *seq;
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	uint64_t nev, ic, n, want, first, ndiff;
	uint8_t *p;
	size_t len, i;
	int rc, by_icount;

	p = side_log(&len);
	seq = calloc(SIDE_EVENTS + 1, sizeof(*seq));
	ck_assert_ptr_nonnull(seq);
	r = open_bytes(p, len, &err, &rc);
	ck_assert_int_eq(rc, RR_OK);
	for (n = 0; (rc = rr_qreader_next(r, &e)) == RR_OK &&
	    n <= SIDE_EVENTS && e->number == n; n++)
		seq[n] = (struct side_ev){ e->icount, e->offset,
		    e->checkpoint };
	ck_assert_int_eq(rc, RR_EOF);
	ck_assert_uint_eq(n, SIDE_EVENTS + 1);
	rr_qreader_close(r);

	r = open_bytes(p, len, &err, &rc);
	ck_assert_int_eq(rc, RR_OK);
	ck_assert_int_eq(rr_qreader_index(r, &nev, &ic), RR_OK);
	ck_assert_uint_eq(nev, SIDE_EVENTS + 1);
	ck_assert_uint_eq(ic, seq[SIDE_EVENTS].icount);
	/* Built once: a second build is refused. */
	ck_assert_int_eq(rr_qreader_index(r, &nev, &ic), RR_FATAL);
	for (by_icount = 0; by_icount < 2; by_icount++)
		for (i = 0; i < NELEM(at); i++) {
			want = at[i] <= SIDE_EVENTS ? at[i] : SIDE_EVENTS;
			if (by_icount) {
				/* The first event of that icount. */
				while (want > 0 && seq[want - 1].icount ==
				    seq[want].icount)
					want--;
				ck_assert_int_eq(rr_qreader_seek(r, UINT64_MAX,
				    seq[want].icount), RR_OK);
			} else
				ck_assert_int_eq(rr_qreader_seek(r, at[i],
				    UINT64_MAX), RR_OK);
			first = UINT64_MAX;
			ndiff = 0;
			/* Compared without ck_assert: each costs a write. */
			while ((rc = rr_qreader_next(r, &e)) == RR_OK) {
				if (first == UINT64_MAX)
					first = e->number;
				if (e->number > SIDE_EVENTS ||
				    e->icount != seq[e->number].icount ||
				    e->offset != seq[e->number].offset ||
				    e->checkpoint != seq[e->number].checkpoint)
					ndiff++;
				if (e->number >= want)
					break;
			}
			ck_assert_int_eq(rc, RR_OK);
			ck_assert_msg(ndiff == 0, "%s %llu: %llu events differ",
			    by_icount ? "icount of event" : "event",
			    (unsigned long long)want, (unsigned long long)ndiff);
			ck_assert_uint_le(first, want);
			/* The seek is to a mark: less than one step back. */
			ck_assert_uint_lt(want - first, 65536);
		}
	rr_qreader_close(r);
	free(seq);
	free(p);
}
END_TEST

/* A pipe cannot be read twice: the side index is refused, not faked. */
START_TEST(side_index_pipe)
{
	struct qbuf b = qasm_buf("hdr:e0200c random d:0 a:abcdefgh end");
	struct rr_error err;
	struct rr_qreader *r;
	uint64_t nev, ic;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], b.p, b.len), (ssize_t)b.len);
	close(fds[1]);
	ck_assert_int_eq(rr_qreader_open_fd(&r, fds[0], NULL, 0, &err),
	    RR_OK);
	ck_assert_int_eq(rr_qreader_index(r, &nev, &ic), RR_FATAL);
	ck_assert_int_eq(rr_qreader_error(r)->kind, RR_E_UNSUPPORTED);
	/* Without an index, no seek. */
	ck_assert_int_eq(rr_qreader_seek(r, 0, 0), RR_FATAL);
	rr_qreader_close(r);
	close(fds[0]);
}
END_TEST

/*
 * An event's fields are its own: each event of every_kind, read in the
 * stream after every other kind, has the payload fields it has when it
 * is read alone (nothing left over from the event before it).
 */
static void
payload_fields(const struct rr_qevent *e, struct rr_qevent *f)
{
	memset(f, 0, sizeof(*f));
	f->raw = e->raw;
	f->kind = e->kind;
	f->sub = e->sub;
	f->name = e->name;
	f->subname = e->subname;
	f->size = e->size;
	f->n = e->n;
	f->id = e->id;
	f->value = e->value;
	f->result = e->result;
	f->arg = e->arg;
	f->index = e->index;
	f->flags = e->flags;
	f->wpos = e->wpos;
	f->input_type = e->input_type;
	f->key_kind = e->key_kind;
	f->code = e->code;
	f->down = e->down;
	f->len = e->len;
}

START_TEST(fields_of_each_event_alone)
{
	struct qbuf b = qasm_buf(every_kind), one;
	struct rr_error err;
	struct rr_qreader *r, *r1;
	const struct rr_qevent *e, *e1;
	struct rr_qevent in_stream, alone;
	char path[4096];
	int rc, n = 0;
	FILE *f;

	r = open_bytes(b.p, b.len, &err, &rc);
	ck_assert_int_eq(rc, RR_OK);
	while ((rc = rr_qreader_next(r, &e)) == RR_OK) {
		payload_fields(e, &in_stream);
		/* The header, this event, and END. */
		memcpy(one.p, b.p, 12);
		memcpy(one.p + 12, e->bytes, e->size);
		one.p[12 + e->size] = RR_Q_END;
		one.len = 12 + e->size + 1;
		snprintf(path, sizeof(path), "%s/one.bin", unit_tmpdir());
		f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(one.p, 1, one.len, f), one.len);
		ck_assert_int_eq(fclose(f), 0);
		ck_assert_int_eq(rr_qreader_open(&r1, path, &err), RR_OK);
		ck_assert_int_eq(rr_qreader_next(r1, &e1), RR_OK);
		payload_fields(e1, &alone);
		ck_assert_msg(memcmp(&in_stream, &alone, sizeof(alone)) == 0,
		    "event %d (%s): its fields differ read after the one "
		    "before it", n, e->name);
		rr_qreader_close(r1);
		n++;
	}
	ck_assert_int_eq(rc, RR_EOF);
	ck_assert_int_ge(n, 40);
	rr_qreader_close(r);
}
END_TEST

/*
 * The fast path of rr_qreader_next (events of a fixed size whole in the
 * buffer) and the slow one meet where an event crosses the end of the
 * 64 KiB buffer: a log of 300 KB of instruction and clock events, with
 * a 3-byte char read every 1000 pairs to move them against it, reads
 * back field by field; info.good_end is the end of the event read.
 */
START_TEST(fast_path_across_buffers)
{
	enum { PAIRS = 20000 };
	size_t cap = 12 + PAIRS * 14 + (PAIRS / 1000) * 9 + 1, len = 12, i;
	uint8_t *p = malloc(cap);
	struct rr_error err;
	struct rr_qreader *r;
	const struct rr_qevent *e;
	struct rr_qinfo info;
	uint64_t icount = 0, n = 0, k;
	int rc;

	ck_assert_ptr_nonnull(p);
	memcpy(p, "\0\xe0\x20\x0c\0\0\0\0\0\0\0\0", 12);
	for (i = 0; i < PAIRS; i++) {
		p[len++] = RR_Q_INSTRUCTION;
		for (k = 0; k < 4; k++)
			p[len++] = (uint8_t)((i % 7 + 1) >> (24 - 8 * k));
		p[len++] = RR_Q_CLOCK;
		for (k = 0; k < 8; k++)
			p[len++] = (uint8_t)((uint64_t)i * 1000 >> (56 - 8 * k));
		if (i % 1000 == 999) {
			memcpy(p + len, "\x07\0\0\0\0\x03" "abc", 9);
			len += 9;
		}
	}
	p[len++] = RR_Q_END;
	ck_assert_uint_eq(len, cap);
	r = open_bytes(p, len, &err, &rc);
	ck_assert_int_eq(rc, RR_OK);
	for (i = 0; i < PAIRS; i++) {
		ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
		ck_assert_uint_eq(e->raw, RR_Q_INSTRUCTION);
		ck_assert_uint_eq(e->n, i % 7 + 1);
		ck_assert_int_eq(e->value, 0);
		ck_assert_uint_eq(e->number, n++);
		icount += i % 7 + 1;
		ck_assert_uint_eq(e->icount, icount);
		rr_qreader_info(r, &info);
		ck_assert_uint_eq(info.good_end, e->offset + 5);
		ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
		ck_assert_uint_eq(e->raw, RR_Q_CLOCK);
		ck_assert_int_eq(e->value, (int64_t)i * 1000);
		ck_assert_uint_eq(e->n, 0);
		ck_assert_uint_eq(e->size, 9);
		ck_assert_uint_eq(e->bytes[0], RR_Q_CLOCK);
		ck_assert_uint_eq(e->number, n++);
		ck_assert_uint_eq(e->icount, icount);
		ck_assert_ptr_null(e->data);
		if (i % 1000 == 999) {
			ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
			ck_assert_uint_eq(e->len, 3);
			ck_assert_mem_eq(e->data, "abc", 3);
			n++;
		}
	}
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_OK);
	ck_assert_uint_eq(e->raw, RR_Q_END);
	ck_assert_int_eq(rr_qreader_next(r, &e), RR_EOF);
	rr_qreader_info(r, &info);
	ck_assert_uint_eq(info.good_end, len);
	ck_assert_uint_eq(info.events, n + 1);
	ck_assert_uint_eq(info.kinds[RR_Q_CLOCK], PAIRS);
	ck_assert_uint_eq(info.icount, icount);
	rr_qreader_close(r);
	free(p);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(rr_qkind_name(0), "instruction");
	ck_assert_str_eq(rr_qkind_name(39), "end");
	ck_assert_ptr_null(rr_qkind_name(40));
	ck_assert_int_eq(rr_qkind_from_name("clock-virtual-rt"), 29);
	ck_assert_int_eq(rr_qkind_from_name("checkpoint-reset"), 38);
	ck_assert_int_eq(rr_qkind_from_name("shutdown"), 10);
	ck_assert_int_eq(rr_qkind_from_name("nope"), -1);
	ck_assert_str_eq(rr_qshutdown_name(4), "host-signal");
	ck_assert_ptr_null(rr_qshutdown_name(12));
	ck_assert_str_eq(rr_qcheckpoint_name(7), "init");
	ck_assert_ptr_null(rr_qcheckpoint_name(9));
}
END_TEST

START_TEST(refuse)
{
	struct rr_error err;

	ck_assert_int_eq(rr_qreplay_refuse("\0\xe0\x20\x0c", 4, "no cut",
	    &err), 1);
	ck_assert_int_eq(err.kind, RR_E_UNSUPPORTED);
	ck_assert_str_eq(err.msg, "a QEMU replay log (version 0xe0200c): "
	    "no cut");
	ck_assert_int_eq(rr_qreplay_refuse("\x89RRL", 4, "x", &err), 0);
	ck_assert_int_eq(rr_qreplay_refuse("\0\xe0", 2, "x", &err), 0);
}
END_TEST

Suite *
suite_qreplay(void)
{
	Suite *s = suite_create("qreplay");
	TCase *tc;

	tc = tcase_create("qreplay");
	tcase_add_test(tc, every_kind_decodes);
	tcase_add_test(tc, truncated_at_last_whole_event);
	tcase_add_loop_test(tc, damage_table, 0, NELEM(bad));
	tcase_add_test(tc, header_missing);
	tcase_add_test(tc, version_d_audio_in);
	tcase_add_test(tc, pipe_with_prefix);
	tcase_add_test(tc, names);
	tcase_add_test(tc, side_index);
	tcase_add_test(tc, fields_of_each_event_alone);
	tcase_add_test(tc, fast_path_across_buffers);
	tcase_add_test(tc, side_index_pipe);
	tcase_add_test(tc, refuse);
	suite_add_tcase(s, tc);
	return s;
}
