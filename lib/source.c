/* librr: a log opened for editing, and the block copier cut and merge share. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "rr.h"
#include "qreplay.h"
#include "internal.h"
#include "edit.h"

int
src_fail(struct rr_source *s, int kind, uint64_t off, uint64_t ev,
    const char *fmt, ...)
{
	va_list ap;

	s->err.kind = kind;
	s->err_output = 0;
	s->err.sys_errno = kind == RR_E_IO ? errno : 0;
	s->err.offset = off;
	s->err.event = ev;
	va_start(ap, fmt);
	vsnprintf(s->err.msg, sizeof(s->err.msg), fmt, ap);
	va_end(ap);
	/* Damaged data is the inputs saying no; the rest is trouble. */
	return kind == RR_E_CORRUPT || kind == RR_E_TRUNCATED ||
	    kind == RR_E_LIMIT || kind == RR_E_INVAL ? RR_FAILED : RR_FATAL;
}

int
src_rerr(struct rr_source *s)
{
	const struct rr_error *e = rr_reader_error(s->r);

	s->err = *e;
	s->err_output = 0;
	return e->kind == RR_E_CORRUPT || e->kind == RR_E_TRUNCATED ||
	    e->kind == RR_E_LIMIT || e->kind == RR_E_INVAL ? RR_FAILED :
	    RR_FATAL;
}

int
rr_source_open(struct rr_source **sp, const char *path, struct rr_error *err)
{
	struct rr_source *s;
	const struct rr_header *h;
	struct stat st;
	uint8_t fixed[LOG_HEAD_FIXED];

	*sp = NULL;
	rr_clearerr(err);
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		return RR_FATAL;
	}
	s->fd = -1;
	if (rr_reader_open(&s->r, path, err) != RR_OK) {
		rr_qreplay_refuse_path(path, "rrcut and rrmerge edit rr logs "
		    "only", err);
		free(s);
		return RR_FATAL;
	}
	s->fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) :
	    open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0 || fstat(s->fd, &st) != 0) {
		rr_seterr(err, RR_E_IO, RR_NO_OFFSET, RR_NO_EVENT, "%s",
		    strerror(errno));
		rr_source_close(s);
		return RR_FATAL;
	}
	/* Whole blocks are copied from where the index says they are. */
	if (!S_ISREG(st.st_mode)) {
		rr_seterr(err, RR_E_UNSUPPORTED, RR_NO_OFFSET, RR_NO_EVENT,
		    "not a regular file: editing needs to seek (save a pipe "
		    "to a file first)");
		rr_source_close(s);
		return RR_FATAL;
	}
	/*
	 * An edit keeps a newer minor version (its event kinds are copied
	 * as they are), but header fields this library skipped would be
	 * lost: such a log cannot be edited here.
	 */
	h = rr_reader_header(s->r);
	if (h->minor > RR_LOG_MINOR && h->unknown_fields > 0) {
		rr_seterr(err, RR_E_UNSUPPORTED, 0, RR_NO_EVENT, "format %u.%u "
		    "has %u header fields this build (format %d.%d) does "
		    "not know: an edited copy would lose them", h->major,
		    h->minor, h->unknown_fields, RR_LOG_MAJOR, RR_LOG_MINOR);
		rr_source_close(s);
		return RR_FATAL;
	}
	s->file_size = (uint64_t)st.st_size;
	s->id.dev = (uint64_t)st.st_dev;
	s->id.ino = (uint64_t)st.st_ino;
	if (pread(s->fd, fixed, sizeof(fixed), 0) != (ssize_t)sizeof(fixed)) {
		rr_seterr(err, RR_E_IO, 0, RR_NO_EVENT, "read: %s",
		    strerror(errno));
		rr_source_close(s);
		return RR_FATAL;
	}
	s->data_start = rr_le32(fixed + 12);
	if ((s->dctx = ZSTD_createDCtx()) == NULL) {
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		rr_source_close(s);
		return RR_FATAL;
	}
	s->rdnext = UINT64_MAX;
	s->ahead_off = RR_NO_OFFSET;
	rr_clearerr(&s->err);
	*sp = s;
	return RR_OK;
}

void
rr_source_close(struct rr_source *s)
{
	if (s == NULL)
		return;
	rr_reader_close(s->r);
	if (s->fd >= 0)
		close(s->fd);
	ZSTD_freeDCtx(s->dctx);
	free(s->frame);
	free(s->raw);
	free(s);
}

const struct rr_header *
rr_source_header(const struct rr_source *s)
{
	return rr_reader_header(s->r);
}

const struct rr_error *
rr_source_error(const struct rr_source *s)
{
	return &s->err;
}

struct rr_reader *
rr_source_reader(struct rr_source *s)
{
	s->rdnext = UINT64_MAX;	/* the caller moves it */
	return s->r;
}

void
rr_source_set_progress(struct rr_source *s,
    void (*cb)(void *, uint64_t, uint64_t), void *arg)
{
	s->progress = cb;
	s->parg = arg;
}

int
src_block(struct rr_source *s, uint64_t off, struct bhdr *b)
{
	uint8_t *h = b->raw;
	ssize_t k;

	if (off >= s->file_size)
		return 0;
	if (off == s->ahead_off) {
		memcpy(h, s->ahead, s->ahead_len);
		k = (ssize_t)s->ahead_len;
	} else
		k = pread(s->fd, h, BLK_HDR, (off_t)off);
	if (k < 0) {
		src_fail(s, RR_E_IO, off, RR_NO_EVENT, "read: %s",
		    strerror(errno));
		return -1;
	}
	if (k >= 4 && memcmp(h, IDX_MAGIC, 4) == 0)
		return 0;
	if (k < BLK_HDR || memcmp(h, BLK_MAGIC, 4) != 0) {
		src_fail(s, k < BLK_HDR ? RR_E_TRUNCATED : RR_E_CORRUPT, off,
		    RR_NO_EVENT, k < BLK_HDR ? "block header truncated" :
		    "bad block magic");
		return -1;
	}
	if (rr_crc32c(0, h, BH_HEADER_CRC) != rr_le32(h + BH_HEADER_CRC)) {
		src_fail(s, RR_E_CORRUPT, off + BH_HEADER_CRC, RR_NO_EVENT,
		    "block header checksum mismatch");
		return -1;
	}
	rr_block_parse(&b->blk, h, off);
	b->blk.header_ok = 1;
	if (rr_le16(h + BH_HSIZE) != BLK_HDR || b->blk.flags != 0 ||
	    b->blk.raw_size == 0 || b->blk.raw_size > RR_BLOCK_MAX || b->blk.comp_size == 0 ||
	    b->blk.comp_size > BLK_COMP_MAX || b->blk.count > b->blk.raw_size ||
	    b->blk.lead > b->blk.raw_size || b->blk.icount_first > b->blk.icount_last) {
		src_fail(s, RR_E_CORRUPT, off, b->blk.first_event, "bad block header");
		return -1;
	}
	if (b->blk.size > s->file_size - off) {
		src_fail(s, RR_E_TRUNCATED, s->file_size, b->blk.first_event,
		    "block truncated (%llu of %llu bytes)",
		    (unsigned long long)(s->file_size - off),
		    (unsigned long long)b->blk.size);
		return -1;
	}
	return 1;
}

/* The block's payload into s->frame, its CRC checked. */
static int
src_frame(struct rr_source *s, const struct bhdr *b)
{
	size_t want = b->blk.comp_size + BLK_TRAILER + BLK_HDR;
	uint8_t *p;
	ssize_t k;

	if (want > s->fcap) {
		if ((p = realloc(s->frame, want)) == NULL)
			return src_fail(s, RR_E_NOMEM, b->blk.offset, b->blk.first_event,
			    "out of memory");
		s->frame = p;
		s->fcap = want;
	}
	/* The payload, its trailer and the next block's header at once. */
	s->ahead_off = RR_NO_OFFSET;
	k = pread(s->fd, s->frame, want, (off_t)(b->blk.offset + BLK_HDR));
	if (k < (ssize_t)b->blk.comp_size)
		return src_fail(s, RR_E_IO, b->blk.offset, b->blk.first_event, "read: %s",
		    k < 0 ? strerror(errno) : "file shrank");
	if (k > (ssize_t)(b->blk.comp_size + BLK_TRAILER)) {
		s->ahead_len = (size_t)k - b->blk.comp_size - BLK_TRAILER;
		memcpy(s->ahead, s->frame + b->blk.comp_size + BLK_TRAILER,
		    s->ahead_len);
		s->ahead_off = b->blk.offset + b->blk.size;
	}
	if (rr_crc32c(0, s->frame, b->blk.comp_size) != rr_le32(b->raw +
	    BH_PAYLOAD_CRC))
		return src_fail(s, RR_E_CORRUPT, b->blk.offset + BLK_HDR, b->blk.first_event,
		    "block payload checksum mismatch (block at offset %llu)",
		    (unsigned long long)b->blk.offset);
	return RR_OK;
}

/* The block's raw payload into s->raw (for its lead bytes). */
static int
src_rawpayload(struct rr_source *s, const struct bhdr *b)
{
	uint8_t *p;
	size_t got;
	int rc;

	if ((rc = src_frame(s, b)) != RR_OK)
		return rc;
	if (b->blk.raw_size > s->rcap) {
		if ((p = realloc(s->raw, b->blk.raw_size)) == NULL)
			return src_fail(s, RR_E_NOMEM, b->blk.offset, b->blk.first_event,
			    "out of memory");
		s->raw = p;
		s->rcap = b->blk.raw_size;
	}
	got = ZSTD_decompressDCtx(s->dctx, s->raw, b->blk.raw_size, s->frame,
	    b->blk.comp_size);
	if (ZSTD_isError(got) || got != b->blk.raw_size)
		return src_fail(s, RR_E_CORRUPT, b->blk.offset + BLK_HDR, b->blk.first_event,
		    "block payload does not decompress");
	return RR_OK;
}

int
src_event_at(struct rr_source *s, uint64_t n, struct rr_event *ev)
{
	int rc;

	if (s->rdnext != n) {
		rc = rr_reader_seek_event(s->r, n);
		if (rc == RR_EOF)
			return src_fail(s, RR_E_TRUNCATED, RR_NO_OFFSET, n,
			    "no event %llu", (unsigned long long)n);
		if (rc != RR_OK)
			return src_rerr(s);
	}
	if ((rc = rr_reader_next(s->r, ev)) != RR_OK) {
		s->rdnext = UINT64_MAX;
		if (rc == RR_EOF)
			return src_fail(s, RR_E_TRUNCATED, RR_NO_OFFSET, n,
			    "no event %llu", (unsigned long long)n);
		return src_rerr(s);
	}
	s->rdnext = n + 1;
	return RR_OK;
}

int
src_extent(struct rr_source *s, uint64_t *nevents, uint64_t *last_ic,
    int *closed)
{
	struct rr_info info;

	if (rr_reader_extent(s->r, nevents, last_ic) != RR_OK)
		return src_rerr(s);
	s->rdnext = UINT64_MAX;
	rr_reader_info(s->r, &info);
	*closed = info.closed;
	return RR_OK;
}

int
src_outerr(struct rr_source *s, const struct rr_error *e)
{
	s->err = *e;
	s->err_output = 1;
	return RR_FATAL;
}

static int
werr(struct rr_source *s, struct rr_writer *w)
{
	return src_outerr(s, rr_writer_error(w));
}

int
rr_source_error_output(const struct rr_source *s)
{
	return s->err_output;
}

/*
 * Whether block b can go out as it is: it starts with the next event
 * wanted, every event starting in it is wanted, and its lead bytes
 * continue exactly the event the writer holds open (open), or it has
 * none and nothing is open.
 */
static int
copyable(const struct bhdr *b, uint64_t next, uint64_t last, int open)
{
	if (b->blk.type != BLK_TYPE_EVENTS || b->blk.first_event != next ||
	    b->blk.first_event + b->blk.count > last + 1)
		return 0;
	if (open)
		return b->blk.lead > 0;
	return b->blk.lead == 0 && b->blk.count > 0;
}

int
src_copy(struct rr_source *s, struct rr_writer *w, uint64_t first,
    uint64_t first_off, uint64_t last)
{
	struct rr_event ev;
	struct bhdr cur, nxt;
	uint64_t next = first, a, b, e, open_ic = 0;
	int open = 0, copy, have_nxt, runs_on, rc;

	if (first > last)
		return RR_OK;
	if (first_off == RR_NO_OFFSET) {
		if ((rc = src_event_at(s, first, &ev)) != RR_OK)
			return rc;
		s->rdnext = UINT64_MAX;	/* ev was taken: seek to use it */
		first_off = ev.offset;
	}
	if ((rc = src_block(s, first_off, &cur)) != 1)
		return rc == 0 ? src_fail(s, RR_E_CORRUPT, first_off, first,
		    "no block where the index says") : RR_FAILED;
	for (;;) {
		/* A payload read first brings the next header with it. */
		copy = copyable(&cur, next, last, open);
		if (copy && (rc = src_frame(s, &cur)) != RR_OK)
			return rc;
		have_nxt = src_block(s, cur.blk.offset + cur.blk.size, &nxt) == 1;
		runs_on = have_nxt && nxt.blk.type == BLK_TYPE_EVENTS &&
		    nxt.blk.lead > 0;
		if (copy) {
			if (!open && rr_writer_flush(w) != RR_OK)
				return werr(s, w);
			if (rr_writer_copy_block(w, cur.raw, s->frame) != RR_OK)
				return werr(s, w);
			next = cur.blk.first_event + cur.blk.count;
			open = runs_on;
			open_ic = cur.blk.icount_last;
		} else if (cur.blk.type == BLK_TYPE_EVENTS) {
			if (open) {
				/* The rest of an event a copied block began. */
				if ((rc = src_rawpayload(s, &cur)) != RR_OK)
					return rc;
				open = cur.blk.count == 0 && runs_on;
				if (rr_writer_event_tail(w, open_ic, s->raw,
				    cur.blk.lead, open) != RR_OK)
					return werr(s, w);
			}
			a = next > cur.blk.first_event ? next : cur.blk.first_event;
			b = cur.blk.first_event + cur.blk.count;
			b = b > last + 1 ? last + 1 : b;
			for (e = a; e < b; e++) {
				if ((rc = src_event_at(s, e, &ev)) != RR_OK)
					return rc;
				/*
				 * The block's last event runs on into the
				 * next: if that block can be copied, write
				 * only this event's part here.
				 */
				if (e + 1 == cur.blk.first_event + cur.blk.count && runs_on &&
				    nxt.blk.lead <= ev.raw_len &&
				    copyable(&nxt, e + 1, last, 1) &&
				    nxt.blk.count > 0 && (rc =
				    rr_writer_event_head(w, &ev, ev.raw_len -
				    nxt.blk.lead)) != RR_FAILED) {
					if (rc != RR_OK)
						return werr(s, w);
					open = 1;
					s->rdnext = UINT64_MAX;
				} else if (rr_writer_event(w, &ev) != RR_OK)
					return werr(s, w);
			}
			if (b > next)
				next = b;
		}
		if (s->progress != NULL)
			s->progress(s->parg, cur.blk.offset + cur.blk.size, s->file_size);
		if (next > last && !open)
			return RR_OK;
		if (!have_nxt)
			return src_fail(s, RR_E_TRUNCATED, cur.blk.offset + cur.blk.size,
			    next, "the log ends (or is damaged) before event "
			    "%llu", (unsigned long long)next);
		cur = nxt;
	}
}
