/* librr: the log reader: header, blocks with CRCs, events, seeking. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "rr.h"
#include "internal.h"
#include "event.h"
#include "format.h"

struct ientry {
	uint64_t	 offset, seq, first_event, icount_first, icount_last;
	uint32_t	 count, size;
};

/* The block walk's position: all a scan moves, and all it must restore. */
struct walk {
	uint64_t	 pos;		/* offset of the next block */
	uint64_t	 next_seq;
	uint64_t	 next_event;
	uint64_t	 prev_icount;
	int		 blocks_done;	/* footer (or end of data) reached */
};

struct rr_reader {
	int		 fd;
	int		 own_fd;
	int		 seekable;
	uint64_t	 file_size;
	uint64_t	 spos;		/* stream position (pipes) */
	uint8_t		*prefix;	/* a pipe's first bytes, read before */
	size_t		 plen;
	struct rr_header hdr;
	struct rr_error	 err;
	int		 dead;
	uint64_t	 data_start;
	ZSTD_DCtx	*dctx;

	struct walk	 w;		/* where the next block is read */
	int		 footer_seen;

	/* the current block, decoded */
	struct rr_block	 blk;
	uint8_t		*cbuf;		/* the block's compressed payload */
	size_t		 ccap;
	uint8_t		*raw;
	size_t		 rcap;
	uint64_t	 raw_off;	/* block raw holds, or RR_NO_OFFSET */
	uint32_t	 rlen, rpos;
	int		 have_block;
	uint32_t	 started;
	uint64_t	 pred_icount, pred_clock;
	uint64_t	 last_icount;	/* of the last event decoded */

	/* an event that runs on into the next block */
	uint8_t		*carry;
	size_t		 carry_len, carry_cap;
	int		 carry_active;
	uint64_t	 carry_number, carry_offset, carry_picount;
	uint64_t	 carry_pclock;
	uint64_t	 carry_ifirst, carry_ilast;	/* its block's range */
	int		 carry_first;	/* first event of its block */
	int		 skip_lead;	/* after a seek: drop continuation */

	int		 ended;		/* END returned */
	int		 end_seen;	/* ... read, not reached by a seek */
	uint64_t	 end_off;	/* where END's block ends */
	uint64_t	 footer_at;	/* a footer's magic, where found */
	struct rr_error	 end_err;	/* rr_reader_end_error's */
	uint64_t	 at_event;	/* event being read, for messages */
	int		 footer_checked;	/* stream: footer read after END */
	int		 stream_closed;	/* stream: that footer was good */
	int		 pending;	/* *pev holds the next event (seek) */
	struct rr_event	 pev;

	/* index: on disk (footer) or built by scanning */
	int		 has_index;
	uint64_t	 footer_off;
	uint64_t	 idx_n, idx_events, idx_last_icount;
	struct ientry	*mem;
	size_t		 mem_n, mem_cap;
	int		 scanned;
	uint8_t		 ebuf[IDX_ENTRY];

	void		(*progress)(void *, uint64_t, uint64_t);
	void		*progress_arg;
};

static int
rfail(struct rr_reader *r, int kind, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
rfail(struct rr_reader *r, int kind, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	r->err.kind = kind;
	r->err.sys_errno = kind == RR_E_IO ? errno : 0;
	r->err.offset = off;
	r->err.event = r->at_event;
	va_start(ap, fmt);
	vsnprintf(r->err.msg, sizeof(r->err.msg), fmt, ap);
	va_end(ap);
	r->dead = 1;
	return RR_FATAL;
}

/* A stream: the bytes read before open first, then the descriptor. */
static ssize_t
sread(struct rr_reader *r, uint8_t *buf, size_t n)
{
	size_t k;

	if (r->spos < r->plen) {
		k = r->plen - (size_t)r->spos;
		if (k > n)
			k = n;
		memcpy(buf, r->prefix + r->spos, k);
		return (ssize_t)k;
	}
	return read(r->fd, buf, n);
}

/*
 * Read up to n bytes at off; returns the count (short at end of data) or
 * -1 on an I/O error.  Pipes only move forward.
 */
static ssize_t
rd(struct rr_reader *r, uint64_t off, uint8_t *buf, size_t n)
{
	size_t got = 0;
	ssize_t k;
	uint8_t skip[4096];

	if (!r->seekable) {
		while (r->spos < off) {
			size_t want = off - r->spos < sizeof(skip) ?
			    (size_t)(off - r->spos) : sizeof(skip);

			k = sread(r, skip, want);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				return k < 0 ? -1 : 0;
			r->spos += (uint64_t)k;
		}
		if (r->spos != off) {
			errno = ESPIPE;
			return -1;
		}
	}
	while (got < n) {
		if (r->seekable)
			k = pread(r->fd, buf + got, n - got,
			    (off_t)(off + got));
		else
			k = sread(r, buf + got, n - got);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
		if (!r->seekable)
			r->spos += (uint64_t)k;
	}
	return (ssize_t)got;
}

/* A carry buffer over this is freed when a smaller event needs one. */
#define CARRY_KEEP	(1u << 20)

static int
grow(uint8_t **p, size_t *cap, size_t need)
{
	uint8_t *np;
	size_t c = *cap ? *cap : 4096;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if ((np = realloc(*p, c)) == NULL)
		return -1;
	*p = np;
	*cap = c;
	return 0;
}

/* ---- open ---- */

static int
read_header(struct rr_reader *r, struct rr_error *err)
{
	uint8_t fixed[LOG_HEAD_FIXED], *p;
	uint32_t size, crc;
	ssize_t k;
	int rc;

	k = rd(r, 0, fixed, sizeof(fixed));
	if (k < 0) {
		rr_seterr(err, RR_E_IO, 0, RR_NO_EVENT, "read: %s",
		    strerror(errno));
		return RR_FATAL;
	}
	if (k >= 1 && memcmp(fixed, LOG_MAGIC, (size_t)k < LOG_MAGIC_LEN ?
	    (size_t)k : LOG_MAGIC_LEN) != 0) {
		if (k >= 4 && memcmp(fixed, "\x89RRS", 4) == 0)
			rr_seterr(err, RR_E_UNSUPPORTED, 0, RR_NO_EVENT,
			    "a snapshot, not a log");
		else if (memcmp(fixed, "\x89RRL", k < 4 ? (size_t)k : 4) ==
		    0)
			rr_seterr(err, RR_E_CORRUPT, 0, RR_NO_EVENT,
			    "bad magic: text-mode (CR/LF) damage?");
		else
			rr_seterr(err, RR_E_CORRUPT, 0, RR_NO_EVENT,
			    "not an rr log (bad magic)");
		return RR_FATAL;
	}
	if ((size_t)k < sizeof(fixed)) {
		rr_seterr(err, RR_E_TRUNCATED, (uint64_t)k, RR_NO_EVENT,
		    "file header truncated");
		return RR_FATAL;
	}
	r->hdr.major = rr_le16(fixed + 8);
	r->hdr.minor = rr_le16(fixed + 10);
	size = rr_le32(fixed + 12);
	if (r->hdr.major != RR_LOG_MAJOR) {
		rr_seterr(err, RR_E_UNSUPPORTED, 8, RR_NO_EVENT,
		    "format version %u.%u, this reader knows %u.x",
		    r->hdr.major, r->hdr.minor, RR_LOG_MAJOR);
		return RR_FATAL;
	}
	if (size < LOG_HEAD_MIN || size > RR_HEADER_MAX) {
		rr_seterr(err, RR_E_LIMIT, 12, RR_NO_EVENT,
		    "header size %u outside %u..%u", size, LOG_HEAD_MIN,
		    RR_HEADER_MAX);
		return RR_FATAL;
	}
	if (r->seekable && size > r->file_size) {
		rr_seterr(err, RR_E_TRUNCATED, r->file_size, RR_NO_EVENT,
		    "file header truncated (%u bytes claimed)", size);
		return RR_FATAL;
	}
	if ((p = malloc(size)) == NULL) {
		rr_seterr(err, RR_E_NOMEM, 0, RR_NO_EVENT, "out of memory");
		return RR_FATAL;
	}
	memcpy(p, fixed, sizeof(fixed));
	k = rd(r, sizeof(fixed), p + sizeof(fixed), size - sizeof(fixed));
	if (k < 0 || (size_t)k != size - sizeof(fixed)) {
		if (k < 0)
			rr_seterr(err, RR_E_IO, 0, RR_NO_EVENT, "read: %s",
			    strerror(errno));
		else
			rr_seterr(err, RR_E_TRUNCATED, sizeof(fixed) +
			    (uint64_t)k, RR_NO_EVENT, "file header truncated");
		free(p);
		return RR_FATAL;
	}
	crc = rr_crc32c(0, p, size - 4);
	if (crc != rr_le32(p + size - 4)) {
		rr_seterr(err, RR_E_CORRUPT, size - 4, RR_NO_EVENT,
		    "file header checksum mismatch");
		free(p);
		return RR_FATAL;
	}
	rc = rr_header_fields_get(&r->hdr, p + LOG_HEAD_FIXED,
	    size - LOG_HEAD_MIN, LOG_HEAD_FIXED, err);
	free(p);
	r->data_start = size;
	return rc;
}

/* Check the footer index through the trailer; quietly absent if bad. */
static void
read_index(struct rr_reader *r)
{
	uint8_t t[TRAILER_LEN], h[IDX_HDR], buf[65536];
	uint64_t off, n, len, done;
	uint32_t crc = 0;
	size_t want;

	if (!r->seekable || r->file_size < r->data_start + TRAILER_LEN +
	    IDX_HDR + IDX_TAIL)
		return;
	if (rd(r, r->file_size - TRAILER_LEN, t, TRAILER_LEN) != TRAILER_LEN ||
	    memcmp(t + 8, TRAILER_MAGIC, 8) != 0)
		return;
	off = rr_le64(t);
	if (off < r->data_start || off > r->file_size - TRAILER_LEN -
	    IDX_HDR - IDX_TAIL)
		return;
	if (rd(r, off, h, IDX_HDR) != IDX_HDR || memcmp(h, IDX_MAGIC, 4) != 0 ||
	    rr_le32(h + 4) != IDX_ENTRY)
		return;
	n = rr_le64(h + 8);
	len = r->file_size - TRAILER_LEN - off;
	if (n > len / IDX_ENTRY || IDX_HDR + n * IDX_ENTRY + IDX_TAIL != len)
		return;
	/* CRC over everything but the CRC itself, in bounded chunks. */
	for (done = 0; done < len - 4; done += want) {
		want = len - 4 - done < sizeof(buf) ? (size_t)(len - 4 - done) :
		    sizeof(buf);
		if (rd(r, off + done, buf, want) != (ssize_t)want)
			return;
		crc = rr_crc32c(crc, buf, want);
	}
	if (rd(r, off + len - IDX_TAIL, buf, IDX_TAIL) != IDX_TAIL ||
	    rr_le32(buf + 16) != crc)
		return;
	r->has_index = 1;
	r->footer_off = off;
	r->idx_n = n;
	r->idx_events = rr_le64(buf);
	r->idx_last_icount = rr_le64(buf + 8);
}

static void
reader_free(struct rr_reader *r)
{
	if (r == NULL)
		return;
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	ZSTD_freeDCtx(r->dctx);
	free(r->cbuf);
	free(r->raw);
	free(r->carry);
	free(r->mem);
	free(r->prefix);
	free(r);
}

int
rr_reader_open_prefix(struct rr_reader **rp, int fd, const void *prefix,
    size_t plen, const char *name, struct rr_error *err)
{
	struct rr_reader *r;
	struct stat st;

	(void)name;
	*rp = NULL;
	rr_clearerr(err);
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->dctx = ZSTD_createDCtx()) == NULL)
		goto nomem;
	rr_clearerr(&r->err);
	r->fd = fd;
	r->raw_off = RR_NO_OFFSET;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		r->seekable = 1;
		r->file_size = (uint64_t)st.st_size;
	} else if (plen > 0) {
		if ((r->prefix = malloc(plen)) == NULL)
			goto nomem;
		memcpy(r->prefix, prefix, plen);
		r->plen = plen;
	}
	rr_header_init(&r->hdr);
	r->hdr.tool_version[0] = '\0';
	if (read_header(r, err) != RR_OK) {
		reader_free(r);
		return RR_FATAL;
	}
	read_index(r);
	r->w.pos = r->data_start;
	*rp = r;
	return RR_OK;
nomem:
	reader_free(r);
	rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
	    "out of memory");
	return RR_FATAL;
}

int
rr_reader_open_fd(struct rr_reader **rp, int fd, const char *name,
    struct rr_error *err)
{
	return rr_reader_open_prefix(rp, fd, NULL, 0, name, err);
}

int
rr_reader_open(struct rr_reader **rp, const char *path, struct rr_error *err)
{
	int fd, rc;

	*rp = NULL;
	rr_clearerr(err);
	if (strcmp(path, "-") == 0)
		return rr_reader_open_fd(rp, STDIN_FILENO, path, err);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		rr_seterr(err, RR_E_IO, RR_NO_OFFSET, RR_NO_EVENT, "%s",
		    strerror(errno));
		err->sys_errno = errno;
		return RR_FATAL;
	}
	rc = rr_reader_open_fd(rp, fd, path, err);
	if (rc != RR_OK)
		close(fd);
	else
		(*rp)->own_fd = 1;
	return rc;
}

/* Free a carry buffer over CARRY_KEEP (its bytes are not needed). */
static void
carry_release(struct rr_reader *r)
{
	if (r->carry_cap <= CARRY_KEEP)
		return;
	free(r->carry);
	r->carry = NULL;
	r->carry_cap = 0;
}

void
rr_reader_trim(struct rr_reader *r)
{
	/* An event being carried over blocks keeps its bytes. */
	if (r == NULL || r->carry_active)
		return;
	carry_release(r);
	r->carry_len = 0;
}

void
rr_reader_close(struct rr_reader *r)
{
	reader_free(r);
}

const struct rr_header *
rr_reader_header(const struct rr_reader *r)
{
	return &r->hdr;
}

const struct rr_error *
rr_reader_error(const struct rr_reader *r)
{
	return &r->err;
}

/*
 * On a stream the footer is not read ahead: after END, read it now and
 * check it, so a pipe can tell a closed log too.
 */
static void
check_stream_footer(struct rr_reader *r)
{
	uint8_t h[IDX_HDR], buf[4096], t[TRAILER_LEN];
	uint64_t off = r->w.pos, n, left, foot = r->w.pos;
	uint32_t crc;
	size_t want;
	ssize_t k;

	r->footer_checked = 1;
	if (r->seekable || !r->ended || r->dead || r->have_block)
		return;
	if (rd(r, off, h, IDX_HDR) != IDX_HDR || memcmp(h, IDX_MAGIC, 4) != 0 ||
	    rr_le32(h + 4) != IDX_ENTRY)
		return;
	crc = rr_crc32c(0, h, IDX_HDR);
	n = rr_le64(h + 8);
	off += IDX_HDR;
	/* Entries and the first 16 bytes of the tail, streamed. */
	if (n > (UINT64_MAX - 16) / IDX_ENTRY)
		return;
	for (left = n * IDX_ENTRY + 16; left > 0; left -= want, off += want) {
		want = left < sizeof(buf) ? (size_t)left : sizeof(buf);
		if ((k = rd(r, off, buf, want)) != (ssize_t)want)
			return;
		crc = rr_crc32c(crc, buf, want);
	}
	if (rd(r, off, buf, 4) != 4 || rr_le32(buf) != crc)
		return;
	off += 4;
	if (rd(r, off, t, TRAILER_LEN) != TRAILER_LEN ||
	    memcmp(t + 8, TRAILER_MAGIC, 8) != 0 || rr_le64(t) != foot)
		return;
	r->footer_seen = 1;
	r->stream_closed = 1;
}

void
rr_reader_set_progress(struct rr_reader *r,
    void (*cb)(void *arg, uint64_t offset, uint64_t size), void *arg)
{
	r->progress = cb;
	r->progress_arg = arg;
}

const struct rr_error *
rr_reader_end_error(struct rr_reader *r)
{
	uint64_t off;

	/* END read, or a footer's magic found by a walk of the blocks. */
	if ((!r->end_seen && !r->footer_seen) || r->dead)
		return NULL;
	if (!r->seekable && !r->footer_checked)
		check_stream_footer(r);
	if (r->has_index || r->stream_closed)
		return NULL;
	off = r->end_seen ? r->end_off : r->footer_at;
	if (r->seekable && r->file_size <= off)
		rr_seterr(&r->end_err, RR_E_TRUNCATED, off, RR_NO_EVENT,
		    "log ends after END without its footer index (not "
		    "closed cleanly)");
	else
		rr_seterr(&r->end_err, RR_E_CORRUPT, off, RR_NO_EVENT,
		    "after END: no valid footer index (damaged, or bytes "
		    "after it; rrverify names the fault)");
	return &r->end_err;
}

void
rr_reader_info(struct rr_reader *r, struct rr_info *info)
{
	if (!r->seekable && r->ended && !r->footer_checked)
		check_stream_footer(r);
	memset(info, 0, sizeof(*info));
	info->file_size = r->file_size;
	info->seekable = r->seekable;
	info->has_index = r->has_index || r->stream_closed;
	/* A footer that is there but does not check is no close. */
	info->closed = r->has_index || r->stream_closed;
	info->footer_reached = r->w.blocks_done && r->footer_seen;
	if (r->has_index) {
		info->nblocks = r->idx_n;
		info->nevents = r->idx_events;
	}
}

/* ---- blocks ---- */

void
rr_block_parse(struct rr_block *b, const uint8_t *h, uint64_t off)
{
	memset(b, 0, sizeof(*b));
	b->offset = off;
	b->type = h[BH_TYPE];
	b->flags = h[BH_FLAGS];
	b->seq = rr_le64(h + BH_SEQ);
	b->first_event = rr_le64(h + BH_FIRST_EVENT);
	b->count = rr_le32(h + BH_COUNT);
	b->lead = rr_le32(h + BH_LEAD);
	b->icount_first = rr_le64(h + BH_ICOUNT_FIRST);
	b->icount_last = rr_le64(h + BH_ICOUNT_LAST);
	b->raw_size = rr_le32(h + BH_RAW);
	b->comp_size = rr_le32(h + BH_COMP);
	b->size = BLK_HDR + (uint64_t)b->comp_size + BLK_TRAILER;
}

/*
 * Read the block header at r->w.pos into b and its payload into r->cbuf.
 * RR_EOF at the footer or the end of the data.
 */
static int
read_block(struct rr_reader *r, struct rr_block *b)
{
	uint8_t h[BLK_HDR];
	uint64_t off = r->w.pos;
	ssize_t k;
	size_t want;

	if (r->dead)
		return RR_FATAL;
	r->at_event = r->w.next_event;
	if (r->w.blocks_done || (r->has_index && off == r->footer_off)) {
		r->w.blocks_done = 1;
		r->footer_seen = r->has_index;
		return RR_EOF;
	}
	if ((k = rd(r, off, h, BLK_HDR)) < 0)
		return rfail(r, RR_E_IO, off, "read: %s", strerror(errno));
	if (k == 0) {
		r->w.blocks_done = 1;
		return RR_EOF;
	}
	if (memcmp(h, IDX_MAGIC, k < 4 ? (size_t)k : 4) == 0) {
		r->w.blocks_done = 1;
		r->footer_seen = 1;
		r->footer_at = off;
		return RR_EOF;
	}
	if (memcmp(h, BLK_MAGIC, k < 4 ? (size_t)k : 4) != 0)
		return rfail(r, RR_E_CORRUPT, off, "bad block magic");
	if (k < BLK_HDR)
		return rfail(r, RR_E_TRUNCATED, off + (uint64_t)k,
		    "block header truncated (block at offset %llu)",
		    (unsigned long long)off);
	rr_block_parse(b, h, off);
	b->header_ok = rr_crc32c(0, h, BH_HEADER_CRC) ==
	    rr_le32(h + BH_HEADER_CRC);
	if (!b->header_ok)
		return rfail(r, RR_E_CORRUPT, off + BH_HEADER_CRC,
		    "block header checksum mismatch (block at offset %llu)",
		    (unsigned long long)off);
	if (rr_le16(h + BH_HSIZE) != BLK_HDR)
		return rfail(r, RR_E_CORRUPT, off + BH_HSIZE,
		    "block header size %u, expected %u", rr_le16(h + BH_HSIZE),
		    BLK_HDR);
	if (b->flags != 0)
		return rfail(r, RR_E_UNSUPPORTED, off + BH_FLAGS,
		    "block flags 0x%x not known", b->flags);
	if (b->raw_size == 0 || b->raw_size > RR_BLOCK_MAX)
		return rfail(r, RR_E_LIMIT, off + BH_RAW,
		    "block raw size %u outside 1..%u", b->raw_size,
		    RR_BLOCK_MAX);
	if (b->comp_size == 0 || b->comp_size > BLK_COMP_MAX)
		return rfail(r, RR_E_LIMIT, off + BH_COMP,
		    "block payload size %u outside 1..%u", b->comp_size,
		    (unsigned)BLK_COMP_MAX);
	if (b->count > b->raw_size || b->lead > b->raw_size)
		return rfail(r, RR_E_CORRUPT, off + BH_COUNT,
		    "block event count %u or lead %u over its %u bytes",
		    b->count, b->lead, b->raw_size);
	if (b->seq != r->w.next_seq)
		return rfail(r, RR_E_CORRUPT, off + BH_SEQ,
		    "block sequence %llu, expected %llu",
		    (unsigned long long)b->seq,
		    (unsigned long long)r->w.next_seq);
	if (b->type == BLK_TYPE_EVENTS && b->first_event != r->w.next_event)
		return rfail(r, RR_E_CORRUPT, off + BH_FIRST_EVENT,
		    "block first event %llu, expected %llu",
		    (unsigned long long)b->first_event,
		    (unsigned long long)r->w.next_event);
	if (b->icount_first > b->icount_last ||
	    b->icount_first < r->w.prev_icount)
		return rfail(r, RR_E_CORRUPT, off + BH_ICOUNT_FIRST,
		    "block instruction counts out of order");
	if (r->seekable && off + b->size > r->file_size)
		return rfail(r, RR_E_TRUNCATED, r->file_size,
		    "block at offset %llu truncated (%llu of %llu bytes)",
		    (unsigned long long)off,
		    (unsigned long long)(r->file_size - off),
		    (unsigned long long)b->size);
	want = b->comp_size + BLK_TRAILER;
	if (grow(&r->cbuf, &r->ccap, r->seekable ? want : 65536) != 0)
		return rfail(r, RR_E_NOMEM, off, "out of memory");
	if (r->seekable) {
		if ((k = rd(r, off + BLK_HDR, r->cbuf, want)) < 0)
			return rfail(r, RR_E_IO, off, "read: %s",
			    strerror(errno));
	} else {
		/* A pipe backs a length only as its bytes arrive. */
		size_t got = 0, step;

		for (;;) {
			if (grow(&r->cbuf, &r->ccap, got + 1) != 0)
				return rfail(r, RR_E_NOMEM, off, "out of memory");
			step = r->ccap - got < want - got ? r->ccap - got :
			    want - got;
			if ((k = rd(r, off + BLK_HDR + got, r->cbuf + got,
			    step)) < 0)
				return rfail(r, RR_E_IO, off, "read: %s",
				    strerror(errno));
			got += (size_t)k;
			if (got == want || (size_t)k < step)
				break;
		}
		k = (ssize_t)got;
	}
	if ((size_t)k < want)
		return rfail(r, RR_E_TRUNCATED, off + BLK_HDR + (uint64_t)k,
		    "block at offset %llu truncated",
		    (unsigned long long)off);
	if (rr_le32(r->cbuf + b->comp_size) != b->size)
		return rfail(r, RR_E_CORRUPT, off + BLK_HDR + b->comp_size,
		    "block trailer %u, expected %llu",
		    rr_le32(r->cbuf + b->comp_size),
		    (unsigned long long)b->size);
	b->payload_ok = rr_crc32c(0, r->cbuf, b->comp_size) ==
	    rr_le32(h + BH_PAYLOAD_CRC);
	r->w.pos = off + b->size;
	r->w.next_seq++;
	if (r->progress != NULL)
		r->progress(r->progress_arg, r->w.pos, r->file_size);
	if (b->type == BLK_TYPE_EVENTS) {
		r->w.next_event += b->count;
		r->w.prev_icount = b->icount_last;
	}
	return RR_OK;
}

int
rr_reader_next_block(struct rr_reader *r, struct rr_block *b)
{
	return read_block(r, b);
}

/* ---- events ---- */

/*
 * The size of the event that starts the n bytes at p, where its header
 * says (at most the size limit), else n.
 */
static size_t
event_size(const uint8_t *p, size_t n)
{
	uint64_t delta, len;
	size_t a, b;

	if (n < 1 || (a = rr_vget(p + 1, n - 1, &delta)) == 0 ||
	    (b = rr_vget(p + 1 + a, n - 1 - a, &len)) == 0 || len > RR_EVENT_MAX)
		return n;
	return 1 + a + b + (size_t)len > n ? 1 + a + b + (size_t)len : n;
}

/*
 * Decode one event from p[0..n).  Returns the bytes it takes, 0 when
 * the event runs past n, or -1 (error set) when it is malformed.
 */
static long
parse_event(struct rr_reader *r, const uint8_t *p, size_t n,
    uint64_t picount, uint64_t *pclock, uint64_t eoff, struct rr_event *ev)
{
	uint64_t delta, len, bad;
	size_t hlen, used;

	switch (rr_event_head(p, n, &delta, &len, &hlen)) {
	case RR_EVH_OK:
		break;
	case RR_EVH_MORE:
		return 0;
	case RR_EVH_KIND0:
		rfail(r, RR_E_CORRUPT, eoff, "event kind 0");
		return -1;
	case RR_EVH_LIMIT:
		rfail(r, RR_E_LIMIT, eoff, "event length %llu over the limit",
		    (unsigned long long)len);
		return -1;
	default:
		rfail(r, RR_E_CORRUPT, eoff, "bad varint in event header");
		return -1;
	}
	if (delta > UINT64_MAX - picount) {
		rfail(r, RR_E_CORRUPT, eoff, "instruction count overflows");
		return -1;
	}
	ev->kind = p[0];
	ev->icount = picount + delta;
	rr_event_clear(ev);
	if (rr_event_decode(ev, p + hlen, (size_t)len, pclock, &used, &bad) !=
	    RR_EVD_OK) {
		rfail(r, RR_E_CORRUPT, eoff, "malformed %s event payload",
		    rr_kind_name(p[0]));
		return -1;
	}
	return (long)(hlen + len);
}

/* The block just ended: its header must agree with what it held. */
static int
finish_block(struct rr_reader *r)
{
	r->at_event = r->blk.first_event;
	if (r->started != r->blk.count)
		return rfail(r, RR_E_CORRUPT, r->blk.offset + BH_COUNT,
		    "block says %u events start in it, found %u",
		    r->blk.count, r->started);
	r->have_block = 0;
	return RR_OK;
}

static int
load_block(struct rr_reader *r)
{
	size_t got;
	int rc;

	for (;;) {
		rc = read_block(r, &r->blk);
		if (rc != RR_OK)
			return rc;
		if (r->blk.type == BLK_TYPE_EVENTS)
			break;
		/* Unknown block types are skipped (formats/rrlog.md). */
	}
	if (!r->blk.payload_ok)
		return rfail(r, RR_E_CORRUPT, r->blk.offset + BLK_HDR,
		    "block payload checksum mismatch (block at offset %llu)",
		    (unsigned long long)r->blk.offset);
	if (ZSTD_getFrameContentSize(r->cbuf, r->blk.comp_size) !=
	    r->blk.raw_size)
		return rfail(r, RR_E_CORRUPT, r->blk.offset + BLK_HDR,
		    "block frame size differs from its header");
	/*
	 * A seek often lands in the block decoded last (a cut plans on the
	 * block it then copies from): its payload is still here.
	 */
	if (r->blk.offset != r->raw_off) {
		r->raw_off = RR_NO_OFFSET;
		if (grow(&r->raw, &r->rcap, r->blk.raw_size) != 0)
			return rfail(r, RR_E_NOMEM, r->blk.offset,
			    "out of memory");
		got = ZSTD_decompressDCtx(r->dctx, r->raw, r->blk.raw_size,
		    r->cbuf, r->blk.comp_size);
		if (ZSTD_isError(got) || got != r->blk.raw_size)
			return rfail(r, RR_E_CORRUPT, r->blk.offset + BLK_HDR,
			    "block payload does not decompress");
		r->raw_off = r->blk.offset;
	}
	r->rlen = r->blk.raw_size;
	r->rpos = 0;
	r->started = 0;
	r->have_block = 1;
	return RR_OK;
}

/* Continue the carried event with this block's lead bytes. */
static int
continue_carry(struct rr_reader *r, struct rr_event *ev)
{
	uint32_t lead = r->blk.lead;
	uint64_t pclock = r->carry_pclock;
	long used;

	r->at_event = r->carry_number;
	if (lead == 0)
		return rfail(r, RR_E_CORRUPT, r->blk.offset + BH_LEAD,
		    "event %llu continues, but the block has no lead bytes",
		    (unsigned long long)r->carry_number);
	if (r->carry_len + lead > RR_EVENT_MAX + EV_HDR_MAX)
		return rfail(r, RR_E_LIMIT, r->blk.offset,
		    "event %llu over the size limit",
		    (unsigned long long)r->carry_number);
	if (grow(&r->carry, &r->carry_cap, r->carry_len + lead) != 0)
		return rfail(r, RR_E_NOMEM, r->blk.offset, "out of memory");
	memcpy(r->carry + r->carry_len, r->raw, lead);
	r->carry_len += lead;
	r->rpos = lead;
	used = parse_event(r, r->carry, r->carry_len, r->carry_picount,
	    &pclock, r->carry_offset, ev);
	if (used < 0)
		return RR_FATAL;
	if (used == 0) {
		if (lead != r->rlen || r->blk.count != 0)
			return rfail(r, RR_E_CORRUPT, r->blk.offset + BH_LEAD,
			    "lead of %u bytes does not finish event %llu",
			    lead, (unsigned long long)r->carry_number);
		return RR_EOF;	/* needs more blocks */
	}
	if ((size_t)used != r->carry_len)
		return rfail(r, RR_E_CORRUPT, r->blk.offset + BH_LEAD,
		    "lead of %u bytes overruns event %llu", lead,
		    (unsigned long long)r->carry_number);
	if (r->carry_first && ev->icount != r->carry_ifirst)
		return rfail(r, RR_E_CORRUPT, r->carry_offset + BH_ICOUNT_FIRST,
		    "icount %llu, its block says %llu",
		    (unsigned long long)ev->icount,
		    (unsigned long long)r->carry_ifirst);
	if (ev->icount > r->carry_ilast)
		return rfail(r, RR_E_CORRUPT, r->carry_offset + BH_ICOUNT_LAST,
		    "icount %llu past its block's last %llu",
		    (unsigned long long)ev->icount,
		    (unsigned long long)r->carry_ilast);
	r->carry_active = 0;
	ev->number = r->carry_number;
	ev->offset = r->carry_offset;
	return RR_OK;
}

static int
next_event(struct rr_reader *r, struct rr_event *ev)
{
	long used;
	int rc;

	for (;;) {
		if (r->dead)
			return RR_FATAL;
		if (r->ended) {
			if (r->have_block)
				return rfail(r, RR_E_CORRUPT, r->blk.offset,
				    "data after END in its block");
			/*
			 * A stream is read to the log's end, footer and
			 * trailer too, so the writer of a pipe finishes.
			 */
			if (!r->seekable && !r->footer_checked)
				check_stream_footer(r);
			return RR_EOF;
		}
		if (!r->have_block) {
			rc = load_block(r);
			if (rc == RR_EOF) {
				if (r->carry_active) {
					r->at_event = r->carry_number;
					return rfail(r, RR_E_TRUNCATED, r->w.pos,
					    "log ends inside event %llu",
					    (unsigned long long)r->carry_number);
				}
				return rfail(r, RR_E_TRUNCATED, r->w.pos,
				    "log ends without END after %llu events "
				    "(not closed: recorder killed?)",
				    (unsigned long long)r->w.next_event);
			}
			if (rc != RR_OK)
				return rc;
			if (r->carry_active) {
				rc = continue_carry(r, ev);
				if (rc == RR_FATAL)
					return rc;
			} else {
				if (r->blk.lead != 0 && !r->skip_lead)
					return rfail(r, RR_E_CORRUPT,
					    r->blk.offset + BH_LEAD,
					    "block continues an event that "
					    "never started");
				r->rpos = r->blk.lead;
				rc = RR_EOF;
			}
			r->skip_lead = 0;
			r->pred_icount = r->blk.icount_first;
			r->pred_clock = 0;
			if (r->rpos == r->rlen && finish_block(r) != RR_OK)
				return RR_FATAL;
			if (rc == RR_OK)
				goto got;
			continue;
		}
		r->at_event = r->blk.first_event + r->started;
		used = parse_event(r, r->raw + r->rpos, r->rlen - r->rpos,
		    r->pred_icount, &r->pred_clock, r->blk.offset, ev);
		if (used < 0)
			return RR_FATAL;
		if (used == 0) {
			/* Runs on into the next block: carry it. */
			r->carry_len = r->rlen - r->rpos;
			/* A big event's buffer (a keyframe) is not kept. */
			if (r->carry_len <= CARRY_KEEP)
				carry_release(r);
			/* Room for all of it at once: no copies as it grows. */
			if (grow(&r->carry, &r->carry_cap,
			    event_size(r->raw + r->rpos, r->carry_len)) != 0)
				return rfail(r, RR_E_NOMEM, r->blk.offset,
				    "out of memory");
			memcpy(r->carry, r->raw + r->rpos, r->carry_len);
			r->carry_active = 1;
			r->carry_number = r->blk.first_event + r->started;
			r->carry_offset = r->blk.offset;
			r->carry_picount = r->pred_icount;
			r->carry_pclock = r->pred_clock;
			r->carry_first = r->started == 0;
			r->carry_ifirst = r->blk.icount_first;
			r->carry_ilast = r->blk.icount_last;
			r->started++;
			r->rpos = r->rlen;
			if (finish_block(r) != RR_OK)
				return RR_FATAL;
			continue;
		}
		ev->number = r->blk.first_event + r->started;
		ev->offset = r->blk.offset;
		if (r->started == 0 && ev->icount != r->blk.icount_first)
			return rfail(r, RR_E_CORRUPT,
			    r->blk.offset + BH_ICOUNT_FIRST,
			    "icount %llu, its block says %llu",
			    (unsigned long long)ev->icount,
			    (unsigned long long)r->blk.icount_first);
		if (ev->icount > r->blk.icount_last)
			return rfail(r, RR_E_CORRUPT,
			    r->blk.offset + BH_ICOUNT_LAST,
			    "icount %llu past its block's last %llu",
			    (unsigned long long)ev->icount,
			    (unsigned long long)r->blk.icount_last);
		r->started++;
		r->pred_icount = ev->icount;
		r->rpos += (uint32_t)used;
		if (r->rpos == r->rlen && finish_block(r) != RR_OK)
			return RR_FATAL;
got:
		if (ev->kind == RR_EV_END) {
			r->ended = 1;
			r->end_seen = 1;
			r->end_off = r->blk.offset + BLK_HDR +
			    r->blk.comp_size + BLK_TRAILER;
		}
		r->last_icount = ev->icount;
		return RR_OK;
	}
}

int
rr_reader_next(struct rr_reader *r, struct rr_event *ev)
{
	if (r->pending) {
		r->pending = 0;
		if (ev != &r->pev)
			*ev = r->pev;
		return RR_OK;
	}
	return next_event(r, ev);
}

/* ---- index and seeking ---- */

static int
get_entry(struct rr_reader *r, uint64_t i, struct ientry *e)
{
	const uint8_t *p = r->ebuf;

	if (!r->has_index) {
		*e = r->mem[i];
		return RR_OK;
	}
	e->seq = i;	/* the footer has one entry per block */
	if (rd(r, r->footer_off + IDX_HDR + i * IDX_ENTRY, r->ebuf,
	    IDX_ENTRY) != IDX_ENTRY)
		return rfail(r, RR_E_IO, r->footer_off, "cannot read index");
	e->offset = rr_le64(p + IE_OFFSET);
	e->first_event = rr_le64(p + IE_FIRST_EVENT);
	e->icount_first = rr_le64(p + IE_ICOUNT_FIRST);
	e->icount_last = rr_le64(p + IE_ICOUNT_LAST);
	e->count = rr_le32(p + IE_COUNT);
	e->size = rr_le32(p + IE_SIZE);
	/*
	 * A block of a type this version does not know carries no events
	 * and says first_event 0 (formats/rrlog.md); event 0 starts in the
	 * first block, so no later block of events says that.  For the
	 * binary searches it sits where the events before it end.
	 */
	if (i > 0 && e->first_event == 0 && e->count == 0) {
		struct ientry prev;

		if (get_entry(r, i - 1, &prev) != RR_OK)
			return RR_FATAL;
		e->first_event = prev.first_event + prev.count;
	}
	return RR_OK;
}

static void
reset_position(struct rr_reader *r, uint64_t pos, uint64_t seq,
    uint64_t event, uint64_t prev_icount)
{
	r->w.pos = pos;
	r->w.next_seq = seq;
	r->w.next_event = event;
	r->w.prev_icount = prev_icount;
	r->w.blocks_done = 0;
	r->have_block = 0;
	r->carry_active = 0;
	r->skip_lead = 0;
	r->ended = 0;
	r->pending = 0;
	r->dead = 0;
	rr_clearerr(&r->err);
}

int
rr_reader_resume(struct rr_reader *r, uint64_t pos, uint64_t seq,
    uint64_t event, uint64_t icount)
{
	if (!r->seekable) {
		rr_seterr(&r->err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "cannot resume a stream");
		return RR_FAILED;
	}
	reset_position(r, pos, seq, event, icount);
	r->skip_lead = 1;
	return RR_OK;
}

/* Without a footer: walk the block headers once to build the index. */
static int
scan_index(struct rr_reader *r)
{
	struct rr_block b;
	struct ientry *e;
	int rc;

	if (r->has_index || r->scanned)
		return RR_OK;
	if (!r->seekable) {
		rr_seterr(&r->err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "cannot index a stream");
		return RR_FAILED;
	}
	/* Only the block walk moves: decoded events are kept. */
	memset(&r->w, 0, sizeof(r->w));
	r->w.pos = r->data_start;
	r->dead = 0;
	while ((rc = read_block(r, &b)) == RR_OK) {
		if (b.type != BLK_TYPE_EVENTS)
			continue;
		if (r->mem_n == r->mem_cap) {
			size_t cap = r->mem_cap ? r->mem_cap * 2 : 256;

			if ((e = realloc(r->mem, cap * sizeof(*e))) == NULL)
				return rfail(r, RR_E_NOMEM, b.offset,
				    "out of memory");
			r->mem = e;
			r->mem_cap = cap;
		}
		e = &r->mem[r->mem_n++];
		e->offset = b.offset;
		e->seq = b.seq;
		e->first_event = b.first_event;
		e->icount_first = b.icount_first;
		e->icount_last = b.icount_last;
		e->count = b.count;
		e->size = (uint32_t)b.size;
	}
	/* The index covers every block before any damage. */
	r->scanned = 1;
	return RR_OK;
}

static uint64_t
nentries(const struct rr_reader *r)
{
	return r->has_index ? r->idx_n : r->mem_n;
}

/* Go to entry i's block, then decode up to the wanted event. */
static int
seek_to(struct rr_reader *r, uint64_t i, int by_icount, uint64_t target)
{
	struct ientry e, prev;
	int rc;

	if (get_entry(r, i, &e) != RR_OK)
		return RR_FATAL;
	prev.icount_last = 0;
	if (i > 0 && get_entry(r, i - 1, &prev) != RR_OK)
		return RR_FATAL;
	if (!r->seekable && e.offset < r->spos)
		return rfail(r, RR_E_INVAL, e.offset,
		    "cannot seek backwards in a stream");
	reset_position(r, e.offset, e.seq, e.first_event, prev.icount_last);
	r->skip_lead = 1;
	for (;;) {
		rc = next_event(r, &r->pev);
		if (rc != RR_OK)
			return rc;
		if (by_icount ? r->pev.icount >= target :
		    r->pev.number >= target)
			break;
	}
	r->pending = 1;
	return RR_OK;
}

int
rr_reader_seek_event(struct rr_reader *r, uint64_t n)
{
	uint64_t lo = 0, hi, mid;
	struct ientry e;
	int rc;

	if ((rc = scan_index(r)) != RR_OK)
		return rc;
	hi = nentries(r);
	/* First entry whose events reach past n. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (get_entry(r, mid, &e) != RR_OK)
			return RR_FATAL;
		if (e.first_event + e.count > n)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo == nentries(r)) {
		reset_position(r, r->data_start, 0, 0, 0);
		r->ended = 1;
		return RR_EOF;
	}
	return seek_to(r, lo, 0, n);
}

/*
 * The first index entry that starts an event and whose first icount
 * (by_first) or last icount is at least ic; RR_EOF with the reader
 * placed at the end when there is none.
 */
static int
find_entry(struct rr_reader *r, uint64_t ic, int by_first, uint64_t *at,
    struct ientry *e)
{
	uint64_t lo = 0, hi, mid, n;
	int rc;

	if ((rc = scan_index(r)) != RR_OK)
		return rc;
	n = hi = nentries(r);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (get_entry(r, mid, e) != RR_OK)
			return RR_FATAL;
		if ((by_first ? e->icount_first : e->icount_last) >= ic)
			hi = mid;
		else
			lo = mid + 1;
	}
	/* Blocks that only continue an event start none: go on. */
	for (; lo < n; lo++) {
		if (get_entry(r, lo, e) != RR_OK)
			return RR_FATAL;
		if (e->count > 0)
			break;
	}
	if (lo == n) {
		reset_position(r, r->data_start, 0, 0, 0);
		r->ended = 1;
		return RR_EOF;
	}
	*at = lo;
	return RR_OK;
}

/* To the first event at icount ic or later, or (block) the block there. */
static int
seek_icount(struct rr_reader *r, uint64_t ic, int block)
{
	struct ientry e;
	uint64_t i;
	int rc;

	if ((rc = find_entry(r, ic, block, &i, &e)) != RR_OK)
		return rc;
	return block ? seek_to(r, i, 0, e.first_event) : seek_to(r, i, 1, ic);
}

int
rr_reader_seek_icount(struct rr_reader *r, uint64_t ic)
{
	return seek_icount(r, ic, 0);
}

int
rr_reader_seek_block_icount(struct rr_reader *r, uint64_t ic)
{
	return seek_icount(r, ic, 1);
}

/*
 * The number of the last keyframe in b with icount in [from, to]
 * (*num, else left as it was), reading from the first event at from;
 * first: stop at the first one found, with *ev it.  RR_OK or an error.
 */
static int
key_scan(struct rr_reader *r, const struct rr_key_bounds *b, uint64_t from,
    uint64_t to, int first, uint64_t *num, struct rr_event *ev)
{
	int rc;

	rc = from == 0 ? rr_reader_rewind(r) : rr_reader_seek_icount(r, from);
	while (rc == RR_OK && (rc = rr_reader_next(r, ev)) == RR_OK &&
	    ev->icount <= to && ev->number <= b->ev_hi) {
		if (ev->kind != RR_EV_KEYFRAME || ev->number < b->ev_lo ||
		    ev->icount < b->ic_lo)
			continue;
		*num = ev->number;
		if (first)
			return RR_OK;
	}
	return rc == RR_EOF ? RR_OK : rc;
}

int
rr_reader_last_keyframe(struct rr_reader *r, const struct rr_key_bounds *b,
    struct rr_event *ev)
{
	uint64_t step = r->hdr.keyframe_interval, c, num = UINT64_MAX;
	int rc, tries;

	if (b->ic_lo > b->ic_hi || b->ev_lo > b->ev_hi)
		return RR_EOF;
	for (c = step > 0 ? b->ic_hi / step * step : 0, tries = 0;
	    step > 0 && tries < RR_KEY_TRIES && c >= b->ic_lo; tries++) {
		if ((rc = key_scan(r, b, c, c, 1, &num, ev)) != RR_OK)
			return rc;
		if (num != UINT64_MAX)
			return RR_OK;
		if (c < step)
			break;
		c -= step;
	}
	if ((rc = key_scan(r, b, b->ic_lo, b->ic_hi, 0, &num, ev)) != RR_OK)
		return rc;
	if (num == UINT64_MAX)
		return RR_EOF;
	if ((rc = rr_reader_seek_event(r, num)) != RR_OK)
		return rc;
	return rr_reader_next(r, ev);
}

int
rr_reader_rewind(struct rr_reader *r)
{
	if (!r->seekable && r->spos > r->data_start) {
		rr_seterr(&r->err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "cannot rewind a stream");
		return RR_FAILED;
	}
	reset_position(r, r->data_start, 0, 0, 0);
	return RR_OK;
}

int
rr_reader_extent(struct rr_reader *r, uint64_t *nevents,
    uint64_t *last_icount)
{
	struct ientry e;
	struct rr_error err;
	struct walk saved;
	uint64_t n;
	int dead, rc;

	if (r->has_index) {
		*nevents = r->idx_events;
		*last_icount = r->idx_last_icount;
		return RR_OK;
	}
	if (!r->seekable) {
		rr_seterr(&r->err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "the extent of a stream is not known before its end");
		return RR_FAILED;
	}
	/*
	 * Scanning walks the block headers from the top; the caller's
	 * place in the events (the decoded block, a carried event) is
	 * kept, and so is where the next block is read from.
	 */
	saved = r->w;
	dead = r->dead;
	err = r->err;
	rc = scan_index(r);
	r->w = saved;
	r->dead = dead;
	r->err = err;
	if (rc != RR_OK)
		return rc;
	n = nentries(r);
	*nevents = 0;
	*last_icount = 0;
	if (n > 0) {
		if (get_entry(r, n - 1, &e) != RR_OK)
			return RR_FATAL;
		*nevents = e.first_event + e.count;
		*last_icount = e.icount_last;
	}
	return RR_OK;
}
