/* Unit tests: the log writer and reader (lib/writer.c, lib/reader.c). */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "../../lib/rr.h"
#include "../../lib/internal.h"
#include "../../lib/format.h"
#include "unit.h"

#define NEV	400

/* A reference event list, as the tests expect the reader to give it. */
struct tev {
	uint32_t	 kind;
	uint64_t	 icount;
	uint64_t	 value;
	uint32_t	 device, subkind;
	uint8_t		 data[6000];
	size_t		 len;
};

static struct tev evs[NEV + 1];
static size_t nevs;
static int background;		/* write_log: use the writer's thread */
static char logpath[512];

static void
add(uint32_t kind, uint64_t icount, uint64_t value, size_t len)
{
	struct tev *e = &evs[nevs++];
	size_t i;

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->icount = icount;
	e->value = value;
	e->len = len;
	for (i = 0; i < len; i++)
		e->data[i] = (uint8_t)(i * 7 + icount);
	if (kind == RR_EV_BH) {
		e->device = 1;
		e->subkind = 1;
	} else if (kind == RR_EV_OUTPUT)
		e->device = 1;
}

/* A mix of every kind, with sizes that cross small blocks. */
static void
make_events(void)
{
	uint64_t ic = 0, clock = 1700000000000000000ull;
	size_t i;

	nevs = 0;
	add(RR_EV_KEYFRAME, 0, 0, 3000);
	for (i = 1; i < NEV - 1; i++) {
		ic += (i % 5) * 11;
		switch (i % 9) {
		case 0:
			add(RR_EV_ENTROPY, ic, 0x80000000u | (uint32_t)i, 0);
			break;
		case 1:
			add(RR_EV_BH, ic, 0, 1 + i % 40);
			break;
		case 2:
			add(RR_EV_OUTPUT, ic, 0, 1 + i % 90);
			break;
		case 3:
			add(RR_EV_CHECKPOINT, ic, 0x1234567800000000ull + i, 0);
			break;
		case 4:
			add(RR_EV_MARK, ic, 0, 5);
			break;
		case 5:
			add(42, ic, 0, 7);	/* a kind from the future */
			break;
		case 6:
			if (i == 204) {
				add(RR_EV_KEYFRAME, ic, 0, 1000);
				break;
			}
			/* FALLTHROUGH */
		default:
			clock += 40 + i % 3;
			if (i % 50 == 0)
				clock -= 1000;	/* clocks may step back */
			add(RR_EV_CLOCK, ic, clock, 0);
			break;
		}
	}
	for (i = 0; i < nevs; i++)
		if (evs[i].kind == RR_EV_MARK)
			memcpy(evs[i].data, "hello", 5);
}

static void
write_log(const char *path, uint32_t block_size, int close_it)
{
	struct rr_writer_options o = { block_size, 0, !close_it, background,
	    0, NULL, 0 };
	struct rr_header h;
	struct rr_error err;
	struct rr_writer *w;
	struct rr_event ev;
	struct rr_part parts[3] = { { 1, 11 }, { 256, 22 }, { 257, 33 } };
	size_t i;
	int rc;

	rr_header_init(&h);
	snprintf(h.machine, sizeof(h.machine), "test");
	h.ram_size = 1 << 20;
	h.clock_shift = 3;
	ck_assert_int_eq(rr_writer_open(&w, path, &h, &o, &err), RR_OK);
	for (i = 0; i < nevs; i++) {
		struct tev *e = &evs[i];

		switch (e->kind) {
		case RR_EV_CLOCK:
			rc = rr_writer_clock(w, e->icount, e->value);
			break;
		case RR_EV_ENTROPY:
			rc = rr_writer_entropy(w, e->icount,
			    (uint32_t)e->value);
			break;
		case RR_EV_BH:
			rc = rr_writer_bh(w, e->icount, RR_DEV_UART,
			    RR_BH_UART_RX, e->data, e->len);
			break;
		case RR_EV_OUTPUT:
			rc = rr_writer_output(w, e->icount, RR_DEV_UART,
			    e->data, e->len);
			break;
		case RR_EV_CHECKPOINT:
			rc = rr_writer_checkpoint(w, e->icount, e->value,
			    parts, 3);
			break;
		case RR_EV_KEYFRAME:
			rc = rr_writer_keyframe(w, e->icount, e->data, e->len);
			break;
		case RR_EV_MARK:
			rc = rr_writer_mark(w, e->icount, "hello");
			break;
		default:
			memset(&ev, 0, sizeof(ev));
			ev.kind = e->kind;
			ev.icount = e->icount;
			ev.data = e->data;
			ev.len = e->len;
			rc = rr_writer_event(w, &ev);
			break;
		}
		ck_assert_int_eq(rc, RR_OK);
	}
	if (close_it) {
		ck_assert_int_eq(rr_writer_close(w, evs[nevs - 1].icount + 5,
		    -3, RR_END_EXIT, "bye", &err), RR_OK);
	} else {
		/* As a killed recorder leaves it: blocks, no END/footer. */
		ck_assert_int_eq(rr_writer_flush(w), RR_OK);
		rr_writer_abort(w);
	}
}

static void
check_event(const struct rr_event *ev, size_t i)
{
	const struct tev *e = &evs[i];

	ck_assert_uint_eq(ev->number, i);
	ck_assert_uint_eq(ev->kind, e->kind);
	ck_assert_uint_eq(ev->icount, e->icount);
	switch (e->kind) {
	case RR_EV_CLOCK:
	case RR_EV_ENTROPY:
		ck_assert_uint_eq(ev->value, e->value);
		break;
	case RR_EV_CHECKPOINT:
		ck_assert_uint_eq(ev->value, e->value);
		ck_assert_uint_eq(ev->nparts, 3);
		ck_assert_uint_eq(ev->parts[1].id, 256);
		ck_assert_uint_eq(ev->parts[2].hash, 33);
		break;
	default:
		ck_assert_uint_eq(ev->device, e->device);
		ck_assert_uint_eq(ev->subkind, e->subkind);
		ck_assert_uint_eq(ev->len, e->len);
		ck_assert(memcmp(ev->data, e->data, e->len) == 0);
		break;
	}
}

static const char *
tmpfile_path(const char *name)
{
	snprintf(logpath, sizeof(logpath), "%s/%s", unit_tmpdir(), name);
	return logpath;
}

/* Read every event; returns how many matched, and the final status. */
static size_t
read_all(struct rr_reader *r, int *status)
{
	struct rr_event ev;
	size_t n = 0;
	int rc;

	while ((rc = rr_reader_next(r, &ev)) == RR_OK) {
		if (n < nevs)
			check_event(&ev, n);
		else {
			ck_assert_uint_eq(ev.kind, RR_EV_END);
			ck_assert_int_eq(ev.status, -3);
			ck_assert_uint_eq(ev.len, 3);
		}
		n++;
	}
	*status = rc;
	return n;
}

static const uint32_t block_sizes[] = { 256, 300, 1024, 65536 };

START_TEST(roundtrip_every_kind)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_info info;
	int st;

	make_events();
	write_log(tmpfile_path("rt.rr"), block_sizes[_i], 1);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	ck_assert_str_eq(rr_reader_header(r)->machine, "test");
	ck_assert_uint_eq(rr_reader_header(r)->clock_shift, 3);
	ck_assert_uint_eq(rr_reader_header(r)->block_size, block_sizes[_i]);
	ck_assert_uint_eq(read_all(r, &st), nevs + 1);
	ck_assert_int_eq(st, RR_EOF);
	rr_reader_info(r, &info);
	ck_assert(info.closed);
	ck_assert(info.has_index);
	ck_assert_uint_eq(info.nevents, nevs + 1);
	rr_reader_close(r);
}
END_TEST

/* Events larger than a block span several; blocks that only continue. */
START_TEST(straddle_blocks)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_block b;
	int st, zero_count = 0, leads = 0;

	make_events();
	write_log(tmpfile_path("st.rr"), 256, 1);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	while ((st = rr_reader_next_block(r, &b)) == RR_OK) {
		ck_assert(b.header_ok && b.payload_ok);
		ck_assert_uint_le(b.raw_size, 256);
		zero_count += b.count == 0;
		leads += b.lead > 0;
	}
	ck_assert_int_eq(st, RR_EOF);
	ck_assert_int_gt(zero_count, 5);	/* the 3000-byte keyframe */
	ck_assert_int_gt(leads, 20);
	ck_assert_int_eq(rr_reader_rewind(r), RR_OK);
	ck_assert_uint_eq(read_all(r, &st), nevs + 1);
	ck_assert_int_eq(st, RR_EOF);
	rr_reader_close(r);
}
END_TEST

static void
seek_checks(struct rr_reader *r)
{
	struct rr_event ev;
	uint64_t n, last, i;

	ck_assert_int_eq(rr_reader_extent(r, &n, &last), RR_OK);
	ck_assert_uint_eq(n, nevs + 1);
	ck_assert_uint_eq(last, evs[nevs - 1].icount + 5);
	for (i = 0; i < nevs; i += 37) {
		ck_assert_int_eq(rr_reader_seek_event(r, i), RR_OK);
		ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
		check_event(&ev, i);
		ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
		check_event(&ev, i + 1);
	}
	for (i = 0; i < nevs; i += 23) {
		size_t want = 0;

		while (evs[want].icount < evs[i].icount + 1 && want < nevs)
			want++;
		if (want == nevs)
			break;
		ck_assert_int_eq(rr_reader_seek_icount(r, evs[i].icount + 1),
		    RR_OK);
		ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
		check_event(&ev, want);
	}
	ck_assert_int_eq(rr_reader_seek_event(r, nevs + 5), RR_EOF);
	ck_assert_int_eq(rr_reader_next(r, &ev), RR_EOF);
	ck_assert_int_eq(rr_reader_seek_icount(r, UINT64_MAX), RR_EOF);
}

START_TEST(seek_with_index)
{
	struct rr_reader *r;
	struct rr_error err;

	make_events();
	write_log(tmpfile_path("sk.rr"), block_sizes[_i], 1);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	seek_checks(r);
	rr_reader_close(r);
}
END_TEST

/* A footer chopped off: the index is rebuilt by scanning. */
START_TEST(seek_without_index)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_info info;
	uint8_t *img;
	size_t len;
	FILE *f;

	make_events();
	write_log(tmpfile_path("sn.rr"), 300, 1);
	img = unit_slurp(logpath, &len);
	ck_assert_ptr_nonnull(img);
	f = fopen(logpath, "wb");
	fwrite(img, 1, len - 5, f);	/* damage the trailer */
	fclose(f);
	free(img);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	rr_reader_info(r, &info);
	ck_assert(!info.has_index);
	seek_checks(r);
	rr_reader_close(r);
}
END_TEST

START_TEST(stdin_stream)
{
	struct rr_info info;
	struct rr_reader *r;
	struct rr_error err;
	uint8_t *img;
	size_t len, off = 0;
	int fds[2], st;
	pid_t pid;

	make_events();
	write_log(tmpfile_path("pi.rr"), 256, 1);
	img = unit_slurp(logpath, &len);
	ck_assert_int_eq(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		while (off < len) {
			ssize_t k = write(fds[1], img + off, len - off);

			if (k <= 0)
				_exit(1);
			off += (size_t)k;
		}
		_exit(0);
	}
	close(fds[1]);
	ck_assert_int_eq(rr_reader_open_fd(&r, fds[0], "-", &err), RR_OK);
	ck_assert_uint_eq(read_all(r, &st), nevs + 1);
	ck_assert_int_eq(st, RR_EOF);
	/* The footer is read after END: a pipe knows it was closed. */
	rr_reader_info(r, &info);
	ck_assert(info.closed);
	rr_reader_close(r);
	close(fds[0]);
	free(img);
}
END_TEST

/*
 * Truncated at every byte: the reader returns every event of every
 * complete block before the cut, then reports truncation with an
 * offset no further than the cut.
 */
START_TEST(truncate_every_offset)
{
	struct rr_reader *r;
	struct rr_error err;
	uint8_t *img;
	size_t len, cut, n, complete;
	uint64_t blkend[4096], blkev[4096];
	size_t nb = 0, i;
	struct rr_block b;
	int st, fd;

	make_events();
	nevs = 60;
	write_log(tmpfile_path("tr.rr"), 256, 0);	/* no END: killed */
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	while (rr_reader_next_block(r, &b) == RR_OK && nb < 4096) {
		blkend[nb] = b.offset + b.size;
		blkev[nb++] = b.first_event + b.count;
	}
	rr_reader_close(r);
	img = unit_slurp(logpath, &len);
	for (cut = 0; cut <= len; cut++) {
		fd = open(tmpfile_path("cut.rr"), O_WRONLY | O_CREAT | O_TRUNC,
		    0644);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(write(fd, img, cut), (ssize_t)cut);
		close(fd);
		if (rr_reader_open(&r, logpath, &err) != RR_OK) {
			ck_assert(err.kind == RR_E_TRUNCATED ||
			    err.kind == RR_E_CORRUPT);
			ck_assert_uint_ne(err.offset, RR_NO_OFFSET);
			ck_assert_uint_le(err.offset, cut);
			continue;
		}
		n = read_all(r, &st);
		ck_assert_int_eq(st, RR_FATAL);
		ck_assert_int_eq(rr_reader_error(r)->kind, RR_E_TRUNCATED);
		ck_assert_uint_le(rr_reader_error(r)->offset, cut);
		/* Every event that starts in a whole block came back
		   (the last may wait for a continuation that is cut). */
		complete = 0;
		for (i = 0; i < nb; i++)
			if (blkend[i] <= cut)
				complete = blkev[i];
		ck_assert_uint_ge(n + 1, complete);
		rr_reader_close(r);
	}
	free(img);
}
END_TEST

/* Every single-byte corruption: detected with an offset, or harmless. */
START_TEST(corrupt_every_byte)
{
	struct rr_reader *r;
	struct rr_error err;
	uint8_t *img;
	size_t len, i, n;
	int st, fd;

	make_events();
	nevs = 60;
	write_log(tmpfile_path("co.rr"), 256, 1);
	img = unit_slurp(logpath, &len);
	for (i = 0; i < len; i++) {
		img[i] ^= (uint8_t)(1u << (i % 8));
		fd = open(tmpfile_path("bad.rr"), O_WRONLY | O_CREAT | O_TRUNC,
		    0644);
		ck_assert_int_eq(write(fd, img, len), (ssize_t)len);
		close(fd);
		img[i] ^= (uint8_t)(1u << (i % 8));
		if (rr_reader_open(&r, logpath, &err) != RR_OK) {
			ck_assert_uint_ne(err.offset, RR_NO_OFFSET);
			continue;
		}
		n = read_all(r, &st);	/* asserts every event returned */
		if (st != RR_EOF) {
			ck_assert_int_eq(st, RR_FATAL);
			ck_assert_uint_ne(rr_reader_error(r)->offset,
			    RR_NO_OFFSET);
			ck_assert_uint_le(rr_reader_error(r)->offset, len);
		} else
			ck_assert_uint_eq(n, nevs + 1);
		rr_reader_close(r);
	}
	free(img);
}
END_TEST

/* Rewrite a block header field and fix its CRC, so only the value lies. */
static void
poke_block(uint8_t *img, size_t hdr_off, size_t field, uint64_t v, int w)
{
	uint8_t *h = img + hdr_off;

	if (w == 4)
		rr_put32(h + field, (uint32_t)v);
	else
		rr_put64(h + field, v);
	rr_put32(h + BH_HEADER_CRC, rr_crc32c(0, h, BH_HEADER_CRC));
}

static int
open_bytes(const uint8_t *img, size_t len, struct rr_reader **r,
    struct rr_error *err)
{
	int fd;

	fd = open(tmpfile_path("hostile.rr"), O_WRONLY | O_CREAT | O_TRUNC,
	    0644);
	ck_assert_int_eq(write(fd, img, len), (ssize_t)len);
	close(fd);
	return rr_reader_open(r, logpath, err);
}

START_TEST(hostile_lengths)
{
	struct rr_reader *r;
	struct rr_error err;
	uint8_t *img, *copy;
	size_t len, first;
	int st;

	make_events();
	nevs = 20;
	write_log(tmpfile_path("ho.rr"), 1024, 1);
	img = unit_slurp(logpath, &len);
	copy = malloc(len);
	first = rr_le32(img + 12);	/* first block follows the header */

	/* Header claiming 4 GiB. */
	memcpy(copy, img, len);
	rr_put32(copy + 12, 0xffffffffu);
	ck_assert_int_ne(open_bytes(copy, len, &r, &err), RR_OK);
	ck_assert_int_eq(err.kind, RR_E_LIMIT);
	ck_assert_uint_eq(err.offset, 12);

	/* Block raw size, payload size, event count over the limits. */
	{
		static const struct { size_t f; uint64_t v; int kind; } t[] = {
			{ BH_RAW, 0xffffffffu, RR_E_LIMIT },
			{ BH_COMP, 0xfffffff0u, RR_E_LIMIT },
			{ BH_COUNT, 0xffffffu, RR_E_CORRUPT },
			{ BH_LEAD, 0xffffffu, RR_E_CORRUPT },
			{ BH_COMP, 1000000u, RR_E_TRUNCATED },
		};
		size_t k;

		for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
			memcpy(copy, img, len);
			poke_block(copy, first, t[k].f, t[k].v, 4);
			ck_assert_int_eq(open_bytes(copy, len, &r, &err), RR_OK);
			read_all(r, &st);
			ck_assert_int_eq(st, RR_FATAL);
			ck_assert_int_eq(rr_reader_error(r)->kind, t[k].kind);
			ck_assert_uint_ge(rr_reader_error(r)->offset, first);
			rr_reader_close(r);
		}
	}
	/* Sequence and instruction counts that lie. */
	memcpy(copy, img, len);
	poke_block(copy, first, BH_SEQ, 7, 8);
	ck_assert_int_eq(open_bytes(copy, len, &r, &err), RR_OK);
	read_all(r, &st);
	ck_assert_int_eq(st, RR_FATAL);
	ck_assert_uint_eq(rr_reader_error(r)->offset, first + BH_SEQ);
	rr_reader_close(r);
	free(copy);
	free(img);
}
END_TEST

/* Build a file: header of a real log, then one block of raw bytes. */
static size_t
forge(uint8_t *out, const uint8_t *img, const uint8_t *raw, size_t rawlen,
    uint32_t count)
{
	size_t hl = rr_le32(img + 12), comp;
	uint8_t *h = out + hl;

	memcpy(out, img, hl);
	comp = ZSTD_compress(h + BLK_HDR, 4096, raw, rawlen, 3);
	ck_assert(!ZSTD_isError(comp));
	memset(h, 0, BLK_HDR);
	memcpy(h, BLK_MAGIC, 4);
	h[BH_TYPE] = BLK_TYPE_EVENTS;
	rr_put16(h + BH_HSIZE, BLK_HDR);
	rr_put32(h + BH_COUNT, count);
	rr_put32(h + BH_RAW, (uint32_t)rawlen);
	rr_put32(h + BH_COMP, (uint32_t)comp);
	rr_put32(h + BH_PAYLOAD_CRC, rr_crc32c(0, h + BLK_HDR, comp));
	rr_put32(h + BH_HEADER_CRC, rr_crc32c(0, h, BH_HEADER_CRC));
	rr_put32(h + BLK_HDR + comp, (uint32_t)(BLK_HDR + comp + 4));
	return hl + BLK_HDR + comp + 4;
}

/* Events whose own fields lie, inside blocks whose CRCs are right. */
START_TEST(hostile_events)
{
	static const struct {
		uint8_t raw[24];
		size_t len;
		int kind;
	} t[] = {
		/* mark claiming 2^31-1 bytes */
		{ { 7, 0, 0xff, 0xff, 0xff, 0xff, 0x07 }, 7, RR_E_LIMIT },
		/* checkpoint claiming 200 parts */
		{ { 5, 0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 0xc8, 0x01 }, 13,
		    RR_E_CORRUPT },
		/* kind 0 */
		{ { 0, 0, 0 }, 3, RR_E_CORRUPT },
		/* entropy over 32 bits */
		{ { 2, 0, 5, 0xff, 0xff, 0xff, 0xff, 0x1f }, 8, RR_E_CORRUPT },
		/* an 11-byte varint */
		{ { 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
		    0x80, 0x01, 0 }, 13, RR_E_CORRUPT },
	};
	struct rr_reader *r;
	struct rr_error err;
	uint8_t *img, out[8192];
	size_t len, n, k;
	int st;

	make_events();
	nevs = 3;
	write_log(tmpfile_path("he.rr"), 1024, 1);
	img = unit_slurp(logpath, &len);
	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		n = forge(out, img, t[k].raw, t[k].len, 1);
		ck_assert_int_eq(open_bytes(out, n, &r, &err), RR_OK);
		nevs = 0;
		read_all(r, &st);
		ck_assert_int_eq(st, RR_FATAL);
		ck_assert_int_eq(rr_reader_error(r)->kind, t[k].kind);
		ck_assert_uint_eq(rr_reader_error(r)->offset,
		    rr_le32(img + 12));
		rr_reader_close(r);
	}
	free(img);
}
END_TEST

/* The writer refuses what a reader would refuse. */
START_TEST(writer_refuses)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct rr_event ev;
	struct rr_writer_options o = { 4096, 0, 0, 0, 0, NULL, 0 };
	uint8_t payload[4] = { 0 };

	rr_header_init(&h);
	ck_assert_int_eq(rr_writer_open(&w, tmpfile_path("wr.rr"), &h, &o,
	    &err), RR_OK);
	memset(&ev, 0, sizeof(ev));
	ev.kind = 50;
	ev.len = (size_t)RR_EVENT_MAX + 1;
	ev.data = payload;
	ck_assert_int_eq(rr_writer_event(w, &ev), RR_FAILED);
	ck_assert_int_eq(rr_writer_error(w)->kind, RR_E_LIMIT);
	ev.kind = RR_EV_END;
	ev.len = 0;
	ck_assert_int_eq(rr_writer_event(w, &ev), RR_FAILED);
	ck_assert_int_eq(rr_writer_clock(w, 10, 1), RR_OK);
	ck_assert_int_eq(rr_writer_clock(w, 9, 1), RR_FAILED);	/* goes back */
	ck_assert_int_eq(rr_writer_clock(w, 10, 2), RR_OK);
	/* Not committed until close: the name does not exist yet. */
	ck_assert_int_eq(access(tmpfile_path("wr.rr"), F_OK), -1);
	rr_writer_abort(w);
	ck_assert_int_eq(access(tmpfile_path("wr.rr"), F_OK), -1);
	o.block_size = 10;
	ck_assert_int_ne(rr_writer_open(&w, tmpfile_path("wr.rr"), &h, &o,
	    &err), RR_OK);
	ck_assert_int_eq(err.kind, RR_E_INVAL);
	ck_assert_ptr_null(w);
}
END_TEST

START_TEST(not_a_log)
{
	struct rr_reader *r;
	struct rr_error err;
	uint8_t *img;
	size_t len;

	make_events();
	nevs = 3;
	write_log(tmpfile_path("nl.rr"), 1024, 1);
	img = unit_slurp(logpath, &len);
	img[4] = '\n';		/* CR/LF damage */
	ck_assert_int_ne(open_bytes(img, len, &r, &err), RR_OK);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	ck_assert_uint_eq(err.offset, 0);
	img[4] = '\r';
	rr_put16(img + 8, 2);	/* a newer major version */
	ck_assert_int_ne(open_bytes(img, len, &r, &err), RR_OK);
	ck_assert_int_eq(err.kind, RR_E_UNSUPPORTED);
	ck_assert_int_ne(rr_reader_open(&r, "/nonexistent/x.rr", &err),
	    RR_OK);
	ck_assert_int_eq(err.kind, RR_E_IO);
	free(img);
}
END_TEST

/* Regression: a damaged block's error named the event after it. */
START_TEST(error_names_the_event)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_block b;
	uint8_t *img;
	size_t len;
	uint64_t off = 0, first = 0;
	int st, k = 0;

	make_events();
	write_log(tmpfile_path("en.rr"), 1024, 1);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	/* the third block that starts events */
	while (rr_reader_next_block(r, &b) == RR_OK)
		if (b.count > 0 && ++k == 3) {
			off = b.offset;
			first = b.first_event;
			break;
		}
	rr_reader_close(r);
	ck_assert_uint_gt(off, 0);
	img = unit_slurp(logpath, &len);
	img[off + BLK_HDR + 5] ^= 0x40;		/* payload damage */
	ck_assert_int_eq(open_bytes(img, len, &r, &err), RR_OK);
	read_all(r, &st);
	ck_assert_int_eq(st, RR_FATAL);
	ck_assert_int_eq(rr_reader_error(r)->kind, RR_E_CORRUPT);
	ck_assert_uint_eq(rr_reader_error(r)->offset, off + BLK_HDR);
	ck_assert_uint_eq(rr_reader_error(r)->event, first);
	rr_reader_close(r);
	free(img);
}
END_TEST

/* The same logs, written by the background thread: the same bytes. */
START_TEST(background_same_bytes)
{
	uint8_t *a, *b;
	size_t alen, blen;
	struct rr_reader *r;
	struct rr_error err;
	int st;

	make_events();
	background = 0;
	write_log(tmpfile_path("fg.rr"), block_sizes[_i], 1);
	a = unit_slurp(logpath, &alen);
	background = 1;
	write_log(tmpfile_path("bg.rr"), block_sizes[_i], 1);
	background = 0;
	b = unit_slurp(logpath, &blen);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	/* Only the header's creation time could differ: it is 0 here. */
	ck_assert_uint_eq(alen, blen);
	ck_assert(memcmp(a, b, alen) == 0);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	ck_assert_uint_eq(read_all(r, &st), nevs + 1);
	ck_assert_int_eq(st, RR_EOF);
	rr_reader_close(r);
	free(a);
	free(b);
}
END_TEST

/* A background writer that is aborted leaves nothing behind. */
START_TEST(background_abort)
{
	struct rr_writer_options o = { 256, 0, 0, 1, 0, NULL, 0 };
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	uint64_t i;

	rr_header_init(&h);
	ck_assert_int_eq(rr_writer_open(&w, tmpfile_path("ab.rr"), &h, &o,
	    &err), RR_OK);
	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(rr_writer_clock(w, i, i * 40), RR_OK);
	ck_assert_int_eq(rr_writer_flush(w), RR_OK);
	ck_assert_uint_gt(rr_writer_bytes(w), 1000);
	rr_writer_abort(w);
	ck_assert_int_eq(access(tmpfile_path("ab.rr"), F_OK), -1);
}
END_TEST

/*
 * Regression: the extent of a log without a footer moved the caller's
 * place in the events back to the start.
 */
START_TEST(extent_keeps_position)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_event ev;
	uint64_t n, last;
	uint8_t *img;
	size_t len;
	int i, fd;

	make_events();
	write_log(tmpfile_path("ex.rr"), 300, 1);
	img = unit_slurp(logpath, &len);
	fd = open(tmpfile_path("ex.rr"), O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, img, len - 3), (ssize_t)(len - 3));
	close(fd);
	free(img);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	for (i = 0; i < 40; i++)
		ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
	ck_assert_int_eq(rr_reader_extent(r, &n, &last), RR_OK);
	ck_assert_uint_eq(n, nevs + 1);
	ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
	check_event(&ev, 40);
	rr_reader_close(r);
}
END_TEST

/* Regression: seeking a pipe is misuse, not a dead handle. */
START_TEST(pipe_seek_is_not_fatal)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_event ev;
	int fd;

	make_events();
	write_log(tmpfile_path("ps.rr"), 256, 1);
	fd = open(logpath, O_RDONLY);
	/* A regular file opened as a stream: make it look like a pipe. */
	{
		int fds[2];
		uint8_t buf[65536];
		ssize_t k;
		pid_t pid;

		ck_assert_int_eq(pipe(fds), 0);
		if ((pid = fork()) == 0) {
			close(fds[0]);
			while ((k = read(fd, buf, sizeof(buf))) > 0)
				if (write(fds[1], buf, (size_t)k) != k)
					_exit(1);
			_exit(0);
		}
		close(fds[1]);
		close(fd);
		fd = fds[0];
	}
	ck_assert_int_eq(rr_reader_open_fd(&r, fd, "-", &err), RR_OK);
	ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
	ck_assert_int_eq(rr_reader_seek_event(r, 10), RR_FAILED);
	ck_assert_int_eq(rr_reader_error(r)->kind, RR_E_INVAL);
	ck_assert_int_eq(rr_reader_next(r, &ev), RR_OK);
	check_event(&ev, 1);
	rr_reader_close(r);
	close(fd);
}
END_TEST

/* Regression: a huge length wrapped round in the writer's size check. */
START_TEST(writer_length_overflow)
{
	struct rr_writer_options o = { 4096, 0, 0, 0, 0, NULL, 0 };
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;

	rr_header_init(&h);
	ck_assert_int_eq(rr_writer_open(&w, tmpfile_path("ov.rr"), &h, &o,
	    &err), RR_OK);
	ck_assert_int_eq(rr_writer_output(w, 0, RR_DEV_UART, "x", SIZE_MAX),
	    RR_FAILED);
	ck_assert_int_eq(rr_writer_error(w)->kind, RR_E_LIMIT);
	rr_writer_abort(w);
}
END_TEST

/*
 * Copying events keeps what a newer minor version appended to a known
 * kind's payload (readers ignore it; a copy must not drop it).
 */
START_TEST(copy_keeps_payload)
{
	struct rr_writer_options o = { 4096, 0, 0, 0, 0, NULL, 0 };
	struct rr_writer *w;
	struct rr_reader *r;
	struct rr_header h;
	struct rr_error err;
	struct rr_event ev, out;
	static const uint8_t pay[] = { 0x85, 0x01, 0xaa, 0xbb, 0xcc };
	char path2[512];

	rr_header_init(&h);
	ck_assert_int_eq(rr_writer_open(&w, tmpfile_path("cp1.rr"), &h, &o,
	    &err), RR_OK);
	memset(&ev, 0, sizeof(ev));
	ev.kind = RR_EV_ENTROPY;	/* varint 133, then 3 newer bytes */
	ev.icount = 7;
	ev.raw = pay;
	ev.raw_len = sizeof(pay);
	ck_assert_int_eq(rr_writer_event(w, &ev), RR_OK);
	ck_assert_int_eq(rr_writer_clock(w, 9, 12345), RR_OK);
	ck_assert_int_eq(rr_writer_close(w, 10, 0, 0, NULL, &err), RR_OK);
	/* Copy it through a reader into a second log. */
	snprintf(path2, sizeof(path2), "%s", tmpfile_path("cp2.rr"));
	ck_assert_int_eq(rr_reader_open(&r, tmpfile_path("cp1.rr"), &err),
	    RR_OK);
	ck_assert_int_eq(rr_writer_open(&w, path2, &h, &o, &err), RR_OK);
	while (rr_reader_next(r, &out) == RR_OK && out.kind != RR_EV_END)
		ck_assert_int_eq(rr_writer_event(w, &out), RR_OK);
	rr_reader_close(r);
	ck_assert_int_eq(rr_writer_close(w, 10, 0, 0, NULL, &err), RR_OK);
	ck_assert_int_eq(rr_reader_open(&r, path2, &err), RR_OK);
	ck_assert_int_eq(rr_reader_next(r, &out), RR_OK);
	ck_assert_uint_eq(out.kind, RR_EV_ENTROPY);
	ck_assert_uint_eq(out.value, 133);
	ck_assert_uint_eq(out.raw_len, sizeof(pay));
	ck_assert(memcmp(out.raw, pay, sizeof(pay)) == 0);
	ck_assert_int_eq(rr_reader_next(r, &out), RR_OK);
	ck_assert_uint_eq(out.value, 12345);
	rr_reader_close(r);
}
END_TEST

struct prog {
	uint64_t	 calls, last, size;
	int		 backwards;
};

static void
on_progress(void *arg, uint64_t offset, uint64_t size)
{
	struct prog *p = arg;

	if (offset < p->last)
		p->backwards = 1;
	p->calls++;
	p->last = offset;
	p->size = size;
}

/* The progress callback: once a block, forward, up to the footer. */
START_TEST(progress_callback)
{
	struct rr_reader *r;
	struct rr_error err;
	struct rr_block b;
	struct prog p = { 0, 0, 0, 0 };
	uint64_t nb = 0;
	int st;

	make_events();
	write_log(tmpfile_path("pg.rr"), 512, 1);
	ck_assert_int_eq(rr_reader_open(&r, logpath, &err), RR_OK);
	while (rr_reader_next_block(r, &b) == RR_OK)
		nb++;
	ck_assert_int_eq(rr_reader_rewind(r), RR_OK);
	rr_reader_set_progress(r, on_progress, &p);
	ck_assert_uint_eq(read_all(r, &st), nevs + 1);
	ck_assert_uint_eq(p.calls, nb);
	ck_assert(!p.backwards);
	ck_assert_uint_gt(p.size, p.last);	/* the footer follows */
	rr_reader_set_progress(r, NULL, NULL);
	ck_assert_int_eq(rr_reader_rewind(r), RR_OK);
	read_all(r, &st);
	ck_assert_uint_eq(p.calls, nb);
	rr_reader_close(r);
}
END_TEST

/* A log with keyframe_interval 1000 and keyframes at the icounts kf. */
static void
keyed_log(const char *path, const uint64_t *kf, size_t n)
{
	struct rr_writer *w;
	struct rr_header h;
	struct rr_error err;
	struct rr_writer_options o;
	uint64_t ic;
	size_t k = 0;

	rr_header_init(&h);
	h.keyframe_interval = 1000;
	memset(&o, 0, sizeof(o));
	o.block_size = 256;
	ck_assert_int_eq(rr_writer_open(&w, path, &h, &o, &err), RR_OK);
	for (ic = 0; ic < 4000; ic += 100) {
		if (k < n && kf[k] <= ic)
			ck_assert_int_eq(rr_writer_keyframe(w, kf[k++], "kf", 2),
			    RR_OK);
		ck_assert_int_eq(rr_writer_clock(w, ic + 50, ic), RR_OK);
	}
	ck_assert_int_eq(rr_writer_close(w, 4000, 0, RR_END_EXIT, NULL,
	    &err), RR_OK);
}

/* The icount of the keyframe rr_reader_last_keyframe finds, or -1. */
static int64_t
last_key(const char *path, uint64_t ic_lo, uint64_t ic_hi, uint64_t ev_hi)
{
	struct rr_key_bounds b = { ic_lo, ic_hi, 0, ev_hi };
	struct rr_reader *r;
	struct rr_error err;
	struct rr_event ev, after;
	int rc;

	ck_assert_int_eq(rr_reader_open(&r, path, &err), RR_OK);
	rc = rr_reader_last_keyframe(r, &b, &ev);
	ck_assert(rc == RR_OK || rc == RR_EOF);
	if (rc == RR_OK) {
		ck_assert_int_eq(ev.kind, RR_EV_KEYFRAME);
		/* The reader is at the event after it. */
		ck_assert_int_eq(rr_reader_next(r, &after), RR_OK);
		ck_assert_uint_eq(after.number, ev.number + 1);
	}
	rr_reader_close(r);
	return rc == RR_OK ? (int64_t)ev.icount : -1;
}

/*
 * The one keyframe finder: at the multiples of the interval first, the
 * bounds read through where they hold none, every bound kept.
 */
START_TEST(last_keyframe_bounds)
{
	static const uint64_t all[] = { 0, 1000, 2000, 2500, 3000 };
	static const uint64_t sparse[] = { 0, 3500 };
	char a[512], b[512];

	snprintf(a, sizeof(a), "%s", tmpfile_path("kall.rr"));
	snprintf(b, sizeof(b), "%s", tmpfile_path("ksparse.rr"));
	keyed_log(a, all, 5);
	keyed_log(b, sparse, 2);
	ck_assert_int_eq(last_key(a, 0, 3999, UINT64_MAX), 3000);
	ck_assert_int_eq(last_key(a, 0, 2999, UINT64_MAX), 2000);
	ck_assert_int_eq(last_key(a, 0, 1999, UINT64_MAX), 1000);
	ck_assert_int_eq(last_key(a, 0, 999, UINT64_MAX), 0);
	/* No multiple in the bounds: read through, 2500 found. */
	ck_assert_int_eq(last_key(a, 2001, 2999, UINT64_MAX), 2500);
	ck_assert_int_eq(last_key(a, 2501, 2999, UINT64_MAX), -1);
	ck_assert_int_eq(last_key(a, 3001, 3999, UINT64_MAX), -1);
	ck_assert_int_eq(last_key(a, 5, 3, UINT64_MAX), -1);
	/* Numbers: the keyframe at 2000 is event 22 (2 per 100 before). */
	ck_assert_int_eq(last_key(a, 0, 2999, 21), 1000);
	ck_assert_int_eq(last_key(a, 0, 2999, 22), 2000);
	/* None at three multiples: the bounds read, the last taken. */
	ck_assert_int_eq(last_key(b, 0, 3999, UINT64_MAX), 3500);
	ck_assert_int_eq(last_key(b, 0, 3499, UINT64_MAX), 0);
	ck_assert_int_eq(last_key(b, 1, 3499, UINT64_MAX), -1);
}
END_TEST

/*
 * Format 1.4: the pinned sources' fields go out and come back; a log
 * that pins nothing keeps its older version; a host_from field of the
 * wrong length is corrupt, and an unpinned header has none of them.
 */
START_TEST(header_pinned)
{
	struct rr_header h, back;
	struct rr_buf b = { 0 };
	struct rr_error err;
	struct rr_writer *w;
	struct rr_reader *r;
	char path[512];
	static const uint8_t bad22[] = { 22, 15, 1, 2, 3, 4, 5, 6, 7, 8, 9,
	    10, 11, 12, 13, 14, 15 };
	int i;

	rr_header_init(&h);
	h.clock_vm = 1;
	h.clock_base = 1767225600000000000ull;
	h.entropy_seeded = 1;
	h.entropy_seed = UINT64_MAX;
	h.has_host_from = 1;
	for (i = 0; i < 16; i++)
		h.host_from[i] = (uint8_t)(0xa0 + i);
	rr_header_fields_put(&b, &h);
	memset(&back, 0, sizeof(back));
	ck_assert_int_eq(rr_header_fields_get(&back, b.p, b.len, 0, &err),
	    RR_OK);
	ck_assert(back.clock_vm && back.entropy_seeded && back.has_host_from);
	ck_assert_uint_eq(back.clock_base, h.clock_base);
	ck_assert_uint_eq(back.entropy_seed, UINT64_MAX);
	ck_assert_mem_eq(back.host_from, h.host_from, 16);
	ck_assert_uint_eq(back.unknown_fields, 0);
	rr_buf_free(&b);
	/* A base of 0 (1970) is a base: the field is there. */
	rr_header_init(&h);
	h.clock_vm = 1;
	rr_header_fields_put(&b, &h);
	memset(&back, 0, sizeof(back));
	ck_assert_int_eq(rr_header_fields_get(&back, b.p, b.len, 0, &err),
	    RR_OK);
	ck_assert(back.clock_vm && !back.entropy_seeded &&
	    !back.has_host_from);
	rr_buf_free(&b);
	memset(&back, 0, sizeof(back));
	ck_assert_int_eq(rr_header_fields_get(&back, bad22, sizeof(bad22), 0,
	    &err), RR_FATAL);
	ck_assert_int_eq(err.kind, RR_E_CORRUPT);
	/* Written as 1.4 with them, as before without. */
	snprintf(path, sizeof(path), "%s/p.rr", unit_tmpdir());
	for (i = 0; i < 2; i++) {
		rr_header_init(&h);
		h.entropy_seeded = (uint32_t)i;
		ck_assert_int_eq(rr_writer_open(&w, path, &h, NULL, &err),
		    RR_OK);
		ck_assert_int_eq(rr_writer_close(w, 0, 0, RR_END_EXIT, NULL,
		    &err), RR_OK);
		ck_assert_int_eq(rr_reader_open(&r, path, &err), RR_OK);
		ck_assert_uint_eq(rr_reader_header(r)->minor, i ? 4 : 0);
		ck_assert_uint_eq(rr_reader_header(r)->entropy_seeded,
		    (uint32_t)i);
		rr_reader_close(r);
	}
}
END_TEST

Suite *
suite_log(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("core");
	int nb = (int)(sizeof(block_sizes) / sizeof(block_sizes[0]));

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, roundtrip_every_kind, 0, nb);
	tcase_add_test(tc, straddle_blocks);
	tcase_add_test(tc, header_pinned);
	tcase_add_loop_test(tc, seek_with_index, 0, nb);
	tcase_add_test(tc, seek_without_index);
	tcase_add_test(tc, stdin_stream);
	tcase_add_test(tc, truncate_every_offset);
	tcase_add_test(tc, corrupt_every_byte);
	tcase_add_test(tc, hostile_lengths);
	tcase_add_test(tc, hostile_events);
	tcase_add_test(tc, writer_refuses);
	tcase_add_test(tc, not_a_log);
	tcase_add_test(tc, error_names_the_event);
	tcase_add_loop_test(tc, background_same_bytes, 0, nb);
	tcase_add_test(tc, background_abort);
	tcase_add_test(tc, extent_keeps_position);
	tcase_add_test(tc, pipe_seek_is_not_fatal);
	tcase_add_test(tc, writer_length_overflow);
	tcase_add_test(tc, copy_keeps_payload);
	tcase_add_test(tc, progress_callback);
	tcase_add_test(tc, last_keyframe_bounds);
	suite_add_tcase(s, tc);
	return s;
}
