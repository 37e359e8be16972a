/* librr: the log writer: events into blocks, one zstd frame each. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <zstd.h>

#include "rr.h"
#include "internal.h"
#include "format.h"

struct idx_entry {
	uint64_t	 offset, first_event, icount_first, icount_last;
	uint32_t	 count, size;
};

/* A full block on its way to disk. */
struct job {
	uint8_t		*raw;
	uint32_t	 rawlen, count, lead;
	uint64_t	 seq, first_event, icount_first, icount_last;
};

struct rr_writer {
	int		 fd;
	int		 own_out;	/* out is this writer's (by path) */
	struct rr_output out_file;	/* where fd came from */
	struct rr_error	 err;
	int		 dead;
	int		 level;
	uint32_t	 block_size;
	int		 key_blocks;	/* a keyframe begins a block */

	uint8_t		*raw;		/* current block's raw bytes */
	uint32_t	 rawlen;
	uint64_t	 seq;

	/* current block */
	uint64_t	 first_event;
	uint32_t	 count;
	uint32_t	 lead;
	int		 lead_open;	/* bytes now written continue an event */
	uint64_t	 icount_first, icount_last;
	uint64_t	 pred_icount;	/* icount predictor */
	uint64_t	 pred_clock;	/* clock value predictor */
	uint64_t	 cont_icount;	/* icount of the event in progress */
	uint64_t	 open_left;	/* copying: bytes of an open event the
					   next block's lead may hold */

	uint64_t	 nevents;
	uint64_t	 last_icount;

	/*
	 * The output side: compressing, writing, indexing.  With a
	 * background thread it belongs to that thread between handovers.
	 */
	ZSTD_CCtx	*cctx;
	uint8_t		*out;		/* header + frame + trailer */
	size_t		 outcap;
	uint64_t	 offset;	/* bytes written so far */
	struct idx_entry *idx;
	size_t		 nidx, idxcap;

	/* the background thread, when there is one */
	int		 threaded;
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 busy;		/* a job is handed over or being written */
	int		 quit;
	struct job	 job;
	uint8_t		*spare;		/* the raw buffer not being filled */
	int		 tfail;		/* the thread failed; terr says why */
	uint64_t	 done;		/* offset as of the last job (under mu) */
	struct rr_error	 terr;
};

/* Bytes written so far, as the caller's thread may read them. */
static uint64_t
caller_offset(struct rr_writer *w)
{
	uint64_t n;

	if (!w->threaded)
		return w->offset;
	pthread_mutex_lock(&w->mu);
	n = w->done;
	pthread_mutex_unlock(&w->mu);
	return n;
}

static int
wfail(struct rr_writer *w, int kind, const char *what)
{
	int e = errno;

	rr_seterr(&w->err, kind, w->offset, w->nevents, "%s%s%s", what,
	    kind == RR_E_IO ? ": " : "", kind == RR_E_IO ? strerror(e) : "");
	w->err.sys_errno = kind == RR_E_IO ? e : 0;
	w->dead = 1;
	return RR_FATAL;
}

/* Output side: write all of p, or fill e. */
static int
out_write(struct rr_writer *w, const uint8_t *p, size_t n, struct rr_error *e)
{
	ssize_t k;

	while (n > 0) {
		k = write(w->fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			rr_seterr(e, RR_E_IO, w->offset, RR_NO_EVENT,
			    "write: %s", strerror(errno));
			e->sys_errno = errno;
			return RR_FATAL;
		}
		p += k;
		n -= (size_t)k;
		w->offset += (uint64_t)k;
	}
	return RR_OK;
}

static int
write_all(struct rr_writer *w, const uint8_t *p, size_t n)
{
	if (out_write(w, p, n, &w->err) != RR_OK) {
		w->dead = 1;
		return RR_FATAL;
	}
	return RR_OK;
}

/* Output side: compress a block, write it, and note it in the index. */
static int
write_job(struct rr_writer *w, const struct job *j, struct rr_error *e)
{
	struct idx_entry *x;
	uint8_t *h = w->out;
	size_t comp, total;
	uint64_t off = w->offset;

	comp = ZSTD_compressCCtx(w->cctx, w->out + BLK_HDR,
	    w->outcap - BLK_HDR - BLK_TRAILER, j->raw, j->rawlen, w->level);
	if (ZSTD_isError(comp)) {
		rr_seterr(e, RR_E_IO, w->offset, j->first_event,
		    "compression failed: %s", ZSTD_getErrorName(comp));
		return RR_FATAL;
	}
	memset(h, 0, BLK_HDR);
	memcpy(h + BH_MAGIC, BLK_MAGIC, 4);
	h[BH_TYPE] = BLK_TYPE_EVENTS;
	h[BH_FLAGS] = 0;
	rr_put16(h + BH_HSIZE, BLK_HDR);
	rr_put64(h + BH_SEQ, j->seq);
	rr_put64(h + BH_FIRST_EVENT, j->first_event);
	rr_put32(h + BH_COUNT, j->count);
	rr_put32(h + BH_LEAD, j->lead);
	rr_put64(h + BH_ICOUNT_FIRST, j->icount_first);
	rr_put64(h + BH_ICOUNT_LAST, j->icount_last);
	rr_put32(h + BH_RAW, j->rawlen);
	rr_put32(h + BH_COMP, (uint32_t)comp);
	rr_put32(h + BH_PAYLOAD_CRC, rr_crc32c(0, h + BLK_HDR, comp));
	rr_put32(h + BH_HEADER_CRC, rr_crc32c(0, h, BH_HEADER_CRC));
	total = BLK_HDR + comp + BLK_TRAILER;
	rr_put32(h + BLK_HDR + comp, (uint32_t)total);
	if (out_write(w, h, total, e) != RR_OK)
		return RR_FATAL;

	if (w->nidx == w->idxcap) {
		size_t cap = w->idxcap ? w->idxcap * 2 : 64;
		struct idx_entry *n = realloc(w->idx, cap * sizeof(*n));

		if (n == NULL) {
			rr_seterr(e, RR_E_NOMEM, w->offset, j->first_event,
			    "out of memory");
			return RR_FATAL;
		}
		w->idx = n;
		w->idxcap = cap;
	}
	x = &w->idx[w->nidx++];
	x->offset = off;
	x->first_event = j->first_event;
	x->icount_first = j->icount_first;
	x->icount_last = j->icount_last;
	x->count = j->count;
	x->size = (uint32_t)total;
	return RR_OK;
}

static void *
worker(void *arg)
{
	struct rr_writer *w = arg;
	struct rr_error e;
	struct job j;
	int rc;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->busy && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->busy)
			break;
		j = w->job;
		rc = w->tfail;
		pthread_mutex_unlock(&w->mu);
		if (rc == 0)
			rc = write_job(w, &j, &e) != RR_OK;
		pthread_mutex_lock(&w->mu);
		if (rc != 0 && !w->tfail) {
			w->tfail = 1;
			w->terr = e;
		}
		w->done = w->offset;
		w->busy = 0;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Wait until the thread has written all it was given. */
static int
wait_idle(struct rr_writer *w)
{
	int failed;

	if (!w->threaded)
		return w->dead ? RR_FATAL : RR_OK;
	pthread_mutex_lock(&w->mu);
	while (w->busy)
		pthread_cond_wait(&w->cv, &w->mu);
	failed = w->tfail;
	if (failed)
		w->err = w->terr;
	pthread_mutex_unlock(&w->mu);
	if (failed)
		w->dead = 1;
	return failed ? RR_FATAL : RR_OK;
}

/* Stop the thread once it has written everything; the output is ours. */
static int
stop_thread(struct rr_writer *w)
{
	int rc;

	if (!w->threaded)
		return w->dead ? RR_FATAL : RR_OK;
	rc = wait_idle(w);
	pthread_mutex_lock(&w->mu);
	w->quit = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	w->threaded = 0;
	return rc;
}

/*
 * The current block is full (or ends here): hand it to the output side,
 * in this thread or the background one, and start the next.
 */
static int
emit_block(struct rr_writer *w)
{
	struct job j;
	uint8_t *t;

	if (w->count == 0)
		w->icount_first = w->icount_last = w->cont_icount;
	j.raw = w->raw;
	j.rawlen = w->rawlen;
	j.count = w->count;
	j.lead = w->lead;
	j.seq = w->seq;
	j.first_event = w->first_event;
	j.icount_first = w->icount_first;
	j.icount_last = w->icount_last;
	if (!w->threaded) {
		if (write_job(w, &j, &w->err) != RR_OK) {
			w->dead = 1;
			return RR_FATAL;
		}
	} else {
		/* The thread is idle: the spare buffer is free again. */
		if (wait_idle(w) != RR_OK)
			return RR_FATAL;
		pthread_mutex_lock(&w->mu);
		w->job = j;
		w->busy = 1;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
		t = w->raw;
		w->raw = w->spare;
		w->spare = t;
	}
	w->seq++;
	w->first_event += w->count;
	w->count = 0;
	w->rawlen = 0;
	w->lead = 0;
	w->pred_clock = 0;
	return RR_OK;
}

/* Append raw bytes, cutting a block each time block_size is reached. */
static int
raw_put(struct rr_writer *w, const uint8_t *p, size_t n)
{
	size_t k;

	while (n > 0) {
		k = w->block_size - w->rawlen;
		if (k > n)
			k = n;
		memcpy(w->raw + w->rawlen, p, k);
		w->rawlen += (uint32_t)k;
		if (w->lead_open)
			w->lead += (uint32_t)k;
		p += k;
		n -= k;
		if (w->rawlen == w->block_size) {
			if (emit_block(w) != RR_OK)
				return RR_FATAL;
			w->lead_open = 1;	/* the rest continues */
		}
	}
	return RR_OK;
}

/*
 * Start an event: the predictors are those of the block it starts in,
 * which is the current one (a full block is always emitted at once).
 */
static int
event_begin(struct rr_writer *w, uint32_t kind, uint64_t icount,
    size_t len, uint8_t *hdr, size_t *hlen)
{
	size_t n = 0;

	if (w->dead)
		return RR_FATAL;
	if (icount < w->last_icount) {
		rr_seterr(&w->err, RR_E_INVAL, caller_offset(w), w->nevents,
		    "icount %llu before previous event's %llu",
		    (unsigned long long)icount,
		    (unsigned long long)w->last_icount);
		return RR_FAILED;
	}
	if (len > RR_EVENT_MAX) {
		rr_seterr(&w->err, RR_E_LIMIT, caller_offset(w), w->nevents,
		    "event of %zu bytes over the limit", len);
		return RR_FAILED;
	}
	/*
	 * A keyframe begins a block (formats/rrlog.md): a cut that starts
	 * at it copies that block whole instead of coding its events again.
	 */
	if (kind == RR_EV_KEYFRAME && w->key_blocks && w->rawlen > 0 &&
	    emit_block(w) != RR_OK)
		return RR_FATAL;
	w->lead_open = 0;
	w->open_left = 0;
	if (w->count == 0) {
		w->icount_first = icount;
		w->pred_icount = icount;
	}
	w->count++;
	w->icount_last = icount;
	w->cont_icount = icount;
	hdr[n++] = (uint8_t)kind;
	n += rr_vput(hdr + n, icount - w->pred_icount);
	n += rr_vput(hdr + n, len);
	w->pred_icount = icount;
	w->last_icount = icount;
	w->nevents++;
	*hlen = n;
	return RR_OK;
}

/* One event whose payload is pre + data. */
static int
put_event(struct rr_writer *w, uint32_t kind, uint64_t icount,
    const uint8_t *pre, size_t prelen, const void *data, size_t len)
{
	uint8_t hdr[EV_HDR_MAX];
	size_t hlen;
	int rc;

	/* prelen is small; keep the sum from wrapping round. */
	if (len > RR_EVENT_MAX)
		len = (size_t)RR_EVENT_MAX + 1;
	if ((rc = event_begin(w, kind, icount, prelen + len, hdr, &hlen)) !=
	    RR_OK)
		return rc;
	/* Fast path: the whole event fits in the current block. */
	if (w->rawlen + hlen + prelen + len < w->block_size) {
		memcpy(w->raw + w->rawlen, hdr, hlen);
		if (prelen > 0)
			memcpy(w->raw + w->rawlen + hlen, pre, prelen);
		if (len > 0)
			memcpy(w->raw + w->rawlen + hlen + prelen, data, len);
		w->rawlen += (uint32_t)(hlen + prelen + len);
		return RR_OK;
	}
	if (raw_put(w, hdr, hlen) != RR_OK || raw_put(w, pre, prelen) !=
	    RR_OK || raw_put(w, data, len) != RR_OK)
		return RR_FATAL;
	w->lead_open = 0;
	return RR_OK;
}

int
rr_writer_clock(struct rr_writer *w, uint64_t icount, uint64_t ns)
{
	uint8_t pre[10], *p;
	uint64_t seq = w->seq;
	size_t n;
	int rc;

	/*
	 * The hot path of a recording that reads the clock in a loop: an
	 * event that is not a block's first and fits in the block is
	 * encoded in place, as put_event would, without the copies.
	 */
	if (w->count > 0 && !w->dead && icount >= w->last_icount &&
	    w->rawlen + 2 * 10 + 2 < w->block_size) {
		p = w->raw + w->rawlen;
		p[0] = RR_EV_CLOCK;
		n = 1 + rr_vput(p + 1, icount - w->pred_icount);
		/* The payload is one varint (< 128 bytes): length first. */
		rc = (int)rr_vput(p + n + 1,
		    rr_zigzag((int64_t)(ns - w->pred_clock)));
		p[n] = (uint8_t)rc;
		w->rawlen += (uint32_t)(n + 1 + (size_t)rc);
		w->count++;
		w->icount_last = w->cont_icount = icount;
		w->pred_icount = w->last_icount = icount;
		w->pred_clock = ns;
		w->nevents++;
		w->lead_open = 0;
		return RR_OK;
	}
	/*
	 * The value is coded as the difference from the previous clock
	 * value in the same block (0 at a block's start): host clocks read
	 * in a loop differ little, so the varint is short and repetitive.
	 */
	n = rr_vput(pre, rr_zigzag((int64_t)(ns - w->pred_clock)));
	rc = put_event(w, RR_EV_CLOCK, icount, pre, n, NULL, 0);
	/* An event that ended a block leaves the new block's predictor. */
	if (rc == RR_OK && w->seq == seq)
		w->pred_clock = ns;
	return rc;
}

int
rr_writer_entropy(struct rr_writer *w, uint64_t icount, uint32_t value)
{
	uint8_t pre[10];

	return put_event(w, RR_EV_ENTROPY, icount, pre,
	    rr_vput(pre, value), NULL, 0);
}

int
rr_writer_bh(struct rr_writer *w, uint64_t icount, uint32_t device,
    uint32_t kind, const void *data, size_t len)
{
	uint8_t pre[20];
	size_t n;

	n = rr_vput(pre, device);
	n += rr_vput(pre + n, kind);
	return put_event(w, RR_EV_BH, icount, pre, n, data, len);
}

int
rr_writer_output(struct rr_writer *w, uint64_t icount, uint32_t device,
    const void *data, size_t len)
{
	uint8_t pre[10];

	return put_event(w, RR_EV_OUTPUT, icount, pre,
	    rr_vput(pre, device), data, len);
}

int
rr_writer_checkpoint(struct rr_writer *w, uint64_t icount, uint64_t hash,
    const struct rr_part *parts, uint32_t nparts)
{
	uint8_t pre[8 + 10 + RR_PARTS_MAX * 18];
	size_t n = 8;
	uint32_t i;

	if (nparts > RR_PARTS_MAX) {
		rr_seterr(&w->err, RR_E_LIMIT, caller_offset(w), w->nevents,
		    "%u checkpoint parts over the limit", nparts);
		return RR_FAILED;
	}
	rr_put64(pre, hash);
	n += rr_vput(pre + n, nparts);
	for (i = 0; i < nparts; i++) {
		n += rr_vput(pre + n, parts[i].id);
		rr_put64(pre + n, parts[i].hash);
		n += 8;
	}
	return put_event(w, RR_EV_CHECKPOINT, icount, pre, n, NULL, 0);
}

int
rr_writer_keyframe(struct rr_writer *w, uint64_t icount, const void *data,
    size_t len)
{
	return put_event(w, RR_EV_KEYFRAME, icount, NULL, 0, data, len);
}

int
rr_writer_mark(struct rr_writer *w, uint64_t icount, const char *text)
{
	return put_event(w, RR_EV_MARK, icount, NULL, 0, text, strlen(text));
}

int
rr_writer_gap(struct rr_writer *w, uint64_t icount, uint64_t resume_event,
    uint64_t resume_icount, uint32_t flags)
{
	uint8_t pre[30];
	size_t n = 0;

	n += rr_vput(pre + n, resume_event);
	n += rr_vput(pre + n, resume_icount);
	n += rr_vput(pre + n, flags);
	return put_event(w, RR_EV_GAP, icount, pre, n, NULL, 0);
}

int
rr_writer_semihost(struct rr_writer *w, uint64_t icount, uint32_t op,
    int64_t result, uint32_t err, const void *data, size_t len)
{
	uint8_t pre[30];
	size_t n = 0;

	n += rr_vput(pre + n, op);
	n += rr_vput(pre + n, rr_zigzag(result));
	n += rr_vput(pre + n, err);
	return put_event(w, RR_EV_SEMIHOST, icount, pre, n, data, len);
}

int
rr_writer_event(struct rr_writer *w, const struct rr_event *ev)
{
	/*
	 * A payload as a reader found it is copied whole; only a clock
	 * value depends on the block it is in, so it is coded again.
	 */
	if (ev->raw != NULL && ev->kind != RR_EV_CLOCK &&
	    ev->kind != RR_EV_END && ev->kind != 0 && ev->kind <= 255)
		return put_event(w, ev->kind, ev->icount, NULL, 0, ev->raw,
		    ev->raw_len);
	switch (ev->kind) {
	case RR_EV_CLOCK:
		return rr_writer_clock(w, ev->icount, ev->value);
	case RR_EV_ENTROPY:
		return rr_writer_entropy(w, ev->icount, (uint32_t)ev->value);
	case RR_EV_BH:
		return rr_writer_bh(w, ev->icount, ev->device, ev->subkind,
		    ev->data, ev->len);
	case RR_EV_OUTPUT:
		return rr_writer_output(w, ev->icount, ev->device, ev->data,
		    ev->len);
	case RR_EV_CHECKPOINT:
		return rr_writer_checkpoint(w, ev->icount, ev->value,
		    ev->parts, ev->nparts);
	case RR_EV_KEYFRAME:
		return rr_writer_keyframe(w, ev->icount, ev->data, ev->len);
	case RR_EV_MARK:
		return put_event(w, RR_EV_MARK, ev->icount, NULL, 0,
		    ev->data, ev->len);
	case RR_EV_SEMIHOST:
		return rr_writer_semihost(w, ev->icount, ev->subkind,
		    ev->status, (uint32_t)ev->value, ev->data, ev->len);
	case RR_EV_END:
		rr_seterr(&w->err, RR_E_INVAL, caller_offset(w), w->nevents,
		    "END is written by close");
		return RR_FAILED;
	default:
		if (ev->kind == 0 || ev->kind > 255) {
			rr_seterr(&w->err, RR_E_INVAL, caller_offset(w), w->nevents,
			    "bad event kind %u", ev->kind);
			return RR_FAILED;
		}
		return put_event(w, ev->kind, ev->icount, NULL, 0, ev->data,
		    ev->len);
	}
}

/* ---- block copying (rrcut, rrmerge) ---- */

/*
 * Header, payload and trailer in one system call where it can: a copy
 * is mostly whole blocks, and system calls are most of its cost.
 */
static int
write_block(struct rr_writer *w, const uint8_t *h, const uint8_t *frame,
    size_t comp, const uint8_t *tr)
{
	struct iovec v[3];
	size_t skip, i;
	ssize_t k;

	v[0].iov_base = (void *)h;
	v[0].iov_len = BLK_HDR;
	v[1].iov_base = (void *)frame;
	v[1].iov_len = comp;
	v[2].iov_base = (void *)tr;
	v[2].iov_len = BLK_TRAILER;
	k = writev(w->fd, v, 3);
	if (k < 0 && errno != EINTR)
		return write_all(w, h, BLK_HDR);	/* says why */
	skip = k < 0 ? 0 : (size_t)k;
	w->offset += skip;
	/* What a short write left, piece by piece. */
	for (i = 0; i < 3; i++) {
		if (skip >= v[i].iov_len) {
			skip -= v[i].iov_len;
			continue;
		}
		if (write_all(w, (const uint8_t *)v[i].iov_base + skip,
		    v[i].iov_len - skip) != RR_OK)
			return RR_FATAL;
		skip = 0;
	}
	return RR_OK;
}

static int
copy_refused(struct rr_writer *w, const char *why)
{
	rr_seterr(&w->err, RR_E_INVAL, caller_offset(w), w->nevents,
	    "cannot copy a block: %s", why);
	return RR_FAILED;
}

int
rr_writer_copy_block(struct rr_writer *w, const uint8_t *src,
    const uint8_t *frame)
{
	struct idx_entry *x;
	uint8_t h[BLK_HDR], tr[BLK_TRAILER];
	uint32_t count = rr_le32(src + BH_COUNT), lead = rr_le32(src + BH_LEAD);
	uint32_t comp = rr_le32(src + BH_COMP);
	uint64_t ifirst = rr_le64(src + BH_ICOUNT_FIRST);
	uint64_t ilast = rr_le64(src + BH_ICOUNT_LAST);
	uint64_t off = w->offset, total = BLK_HDR + (uint64_t)comp + BLK_TRAILER;

	if (w->dead)
		return RR_FATAL;
	if (w->threaded)
		return copy_refused(w, "the writer runs in the background");
	if (w->rawlen != 0)
		return copy_refused(w, "the current block is not empty");
	if (lead != 0 && lead > w->open_left && w->open_left != UINT64_MAX)
		return copy_refused(w, "its lead continues no open event");
	if ((count > 0 && ifirst < w->last_icount) || ifirst > ilast)
		return copy_refused(w, "instruction counts go backwards");
	memcpy(h, src, BLK_HDR);
	/* Only where the block sits in this log changes. */
	rr_put64(h + BH_SEQ, w->seq);
	rr_put64(h + BH_FIRST_EVENT, w->first_event);
	rr_put32(h + BH_HEADER_CRC, rr_crc32c(0, h, BH_HEADER_CRC));
	rr_put32(tr, (uint32_t)total);
	if (write_block(w, h, frame, comp, tr) != RR_OK)
		return RR_FATAL;
	if (w->nidx == w->idxcap) {
		size_t cap = w->idxcap ? w->idxcap * 2 : 64;
		struct idx_entry *n = realloc(w->idx, cap * sizeof(*n));

		if (n == NULL)
			return wfail(w, RR_E_NOMEM, "out of memory");
		w->idx = n;
		w->idxcap = cap;
	}
	x = &w->idx[w->nidx++];
	x->offset = off;
	x->first_event = w->first_event;
	x->icount_first = ifirst;
	x->icount_last = ilast;
	x->count = count;
	x->size = (uint32_t)total;
	w->seq++;
	w->first_event += count;
	w->nevents += count;
	if (count > 0)
		w->last_icount = ilast;
	w->cont_icount = w->last_icount;
	w->count = 0;
	w->lead = 0;
	w->lead_open = 0;
	w->pred_clock = 0;
	/* Unknown until the caller says how the next block begins. */
	w->open_left = UINT64_MAX;
	w->done = w->offset;
	return RR_OK;
}

int
rr_writer_event_head(struct rr_writer *w, const struct rr_event *ev,
    size_t n)
{
	uint8_t hdr[EV_HDR_MAX], clk[10];
	size_t hlen, len = ev->raw_len;
	int rc;

	if (ev->raw == NULL || n >= len || ev->kind == 0 || ev->kind > 255 ||
	    ev->kind == RR_EV_END)
		return copy_refused(w, "not an event that can be split");
	/*
	 * A clock value is coded against the block it starts in: the
	 * stored bytes go on only if this block codes them the same.
	 */
	if (ev->kind == RR_EV_CLOCK && (rr_vput(clk, rr_zigzag((int64_t)
	    (ev->value - w->pred_clock))) != len || memcmp(clk, ev->raw,
	    len) != 0))
		return copy_refused(w, "its clock value is coded otherwise");
	if ((rc = event_begin(w, ev->kind, ev->icount, len, hdr, &hlen)) !=
	    RR_OK)
		return rc;
	if (raw_put(w, hdr, hlen) != RR_OK || raw_put(w, ev->raw, n) != RR_OK)
		return RR_FATAL;
	w->lead_open = 0;
	if (w->rawlen > 0 && emit_block(w) != RR_OK)
		return RR_FATAL;
	w->open_left = len - n;
	return RR_OK;
}

int
rr_writer_event_tail(struct rr_writer *w, uint64_t icount, const void *p,
    size_t n, int more)
{
	if (w->dead)
		return RR_FATAL;
	if (w->rawlen != 0 || w->count != 0)
		return copy_refused(w, "a continuation must begin a block");
	w->cont_icount = icount;
	w->lead_open = 1;
	if (raw_put(w, p, n) != RR_OK)
		return RR_FATAL;
	w->lead_open = more;
	w->open_left = 0;
	return RR_OK;
}

int
rr_writer_flush(struct rr_writer *w)
{
	if (w->dead)
		return RR_FATAL;
	w->lead_open = 0;
	if (w->rawlen > 0 && emit_block(w) != RR_OK)
		return RR_FATAL;
	return wait_idle(w);
}

uint64_t
rr_writer_events(const struct rr_writer *w)
{
	return w->nevents;
}

uint64_t
rr_writer_bytes(const struct rr_writer *w)
{
	return caller_offset((struct rr_writer *)w) + w->rawlen;
}

const struct rr_error *
rr_writer_error(const struct rr_writer *w)
{
	return &w->err;
}

static int
write_header(struct rr_writer *w, const struct rr_header *h)
{
	struct rr_buf b = { 0 };
	uint8_t crc[4];
	int rc;

	rr_buf_put(&b, LOG_MAGIC, LOG_MAGIC_LEN);
	rr_buf_put(&b, "\0\0\0\0\0\0\0\0", 8);
	rr_header_fields_put(&b, h);
	rr_buf_put(&b, "\0\0\0\0", 4);
	if (b.oom) {
		rr_buf_free(&b);
		return wfail(w, RR_E_NOMEM, "out of memory");
	}
	if (b.len > RR_HEADER_MAX) {
		rr_buf_free(&b);
		return wfail(w, RR_E_LIMIT, "header over the limit");
	}
	rr_put16(b.p + 8, RR_LOG_MAJOR);
	/*
	 * The oldest minor version that describes the log: 1.0 readers
	 * know every field of a log without provenance, gaps, a device
	 * tree, semihosting or pinned host inputs.
	 */
	rr_put16(b.p + 10, h->minor);
	rr_put32(b.p + 12, (uint32_t)b.len);
	rr_put32(crc, rr_crc32c(0, b.p, b.len - 4));
	memcpy(b.p + b.len - 4, crc, 4);
	rc = write_all(w, b.p, b.len);
	rr_buf_free(&b);
	return rc;
}

static void
writer_free(struct rr_writer *w)
{
	if (w == NULL)
		return;
	(void)stop_thread(w);
	if (w->own_out)
		rr_output_abort(&w->out_file);
	ZSTD_freeCCtx(w->cctx);
	free(w->raw);
	free(w->spare);
	free(w->out);
	free(w->idx);
	free(w);
}

static int
writer_setup(struct rr_writer *w, const struct rr_header *h,
    const struct rr_writer_options *o, struct rr_error *err)
{
	struct rr_header hh = *h;

	w->block_size = o && o->block_size ? o->block_size : RR_BLOCK_DEFAULT;
	w->level = o && o->level ? o->level : 3;
	w->key_blocks = !(o && o->keyframes_inside);
	if (w->block_size < RR_BLOCK_MIN || w->block_size > RR_BLOCK_MAX) {
		rr_seterr(err, RR_E_INVAL, RR_NO_OFFSET, RR_NO_EVENT,
		    "block size %u outside %u..%u", w->block_size,
		    RR_BLOCK_MIN, RR_BLOCK_MAX);
		return RR_FATAL;
	}
	w->outcap = BLK_HDR + ZSTD_compressBound(w->block_size) + BLK_TRAILER;
	w->raw = malloc(w->block_size);
	w->out = malloc(w->outcap);
	w->cctx = ZSTD_createCCtx();
	if (w->raw == NULL || w->out == NULL || w->cctx == NULL) {
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		return RR_FATAL;
	}
	hh.major = RR_LOG_MAJOR;
	/*
	 * The oldest minor version that describes what is written.  A log
	 * edited out of one newer than this library keeps that version:
	 * it may hold event kinds only that version defines.
	 */
	hh.minor = RR_HEADER_PINNED(h) ? 4 : h->dtb_hash != 0 ||
	    h->semihosting ? 3 : h->gaps > 0 ? 2 : h->has_origin ? 1 : 0;
	if (h->minor > RR_LOG_MINOR)
		hh.minor = h->minor;
	hh.block_size = w->block_size;
	if (write_header(w, &hh) != RR_OK) {
		*err = w->err;
		return RR_FATAL;
	}
	/*
	 * In the background, compression and writing overlap with the
	 * caller filling the next block; on failure stay synchronous.
	 */
	w->done = w->offset;
	if (o != NULL && o->background && (w->spare =
	    malloc(w->block_size)) != NULL) {
		if (pthread_mutex_init(&w->mu, NULL) == 0) {
			if (pthread_cond_init(&w->cv, NULL) == 0) {
				if (pthread_create(&w->th, NULL, worker, w) == 0)
					w->threaded = 1;
				else
					pthread_cond_destroy(&w->cv);
			}
			if (!w->threaded)
				pthread_mutex_destroy(&w->mu);
		}
	}
	return RR_OK;
}

int
rr_writer_open_fd(struct rr_writer **wp, int fd, const struct rr_header *h,
    const struct rr_writer_options *o, struct rr_error *err)
{
	struct rr_writer *w;

	*wp = NULL;
	rr_clearerr(err);
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT,
		    "out of memory");
		return RR_FATAL;
	}
	rr_clearerr(&w->err);
	w->fd = fd;
	if (writer_setup(w, h, o, err) != RR_OK) {
		writer_free(w);
		return RR_FATAL;
	}
	*wp = w;
	return RR_OK;
}

int
rr_writer_open(struct rr_writer **wp, const char *path,
    const struct rr_header *h, const struct rr_writer_options *o,
    struct rr_error *err)
{
	struct rr_writer *w;

	*wp = NULL;
	rr_clearerr(err);
	if (strcmp(path, "-") == 0)
		return rr_writer_open_fd(wp, STDOUT_FILENO, h, o, err);
	if ((w = calloc(1, sizeof(*w))) == NULL)
		goto nomem;
	rr_clearerr(&w->err);
	if (rr_output_open(&w->out_file, path, o != NULL && o->journal ?
	    RR_OUT_INPLACE : 0, o != NULL ? o->inputs : NULL,
	    o != NULL ? o->ninputs : 0, err) != RR_OK) {
		writer_free(w);
		return RR_FATAL;
	}
	w->own_out = 1;
	w->fd = w->out_file.fd;
	if (writer_setup(w, h, o, err) != RR_OK) {
		rr_writer_abort(w);
		return RR_FATAL;
	}
	*wp = w;
	return RR_OK;
nomem:
	rr_seterr(err, RR_E_NOMEM, RR_NO_OFFSET, RR_NO_EVENT, "out of memory");
	writer_free(w);
	return RR_FATAL;
}

static int
write_footer(struct rr_writer *w)
{
	uint8_t *p, tail[TRAILER_LEN];
	size_t n, i, len;
	uint64_t off = w->offset;
	uint32_t crc;
	int rc;

	len = IDX_HDR + w->nidx * IDX_ENTRY + IDX_TAIL;
	if ((p = calloc(1, len)) == NULL)
		return wfail(w, RR_E_NOMEM, "out of memory");
	memcpy(p, IDX_MAGIC, 4);
	rr_put32(p + 4, IDX_ENTRY);
	rr_put64(p + 8, w->nidx);
	n = IDX_HDR;
	for (i = 0; i < w->nidx; i++, n += IDX_ENTRY) {
		rr_put64(p + n + IE_OFFSET, w->idx[i].offset);
		rr_put64(p + n + IE_FIRST_EVENT, w->idx[i].first_event);
		rr_put64(p + n + IE_ICOUNT_FIRST, w->idx[i].icount_first);
		rr_put64(p + n + IE_ICOUNT_LAST, w->idx[i].icount_last);
		rr_put32(p + n + IE_COUNT, w->idx[i].count);
		rr_put32(p + n + IE_SIZE, w->idx[i].size);
	}
	rr_put64(p + n, w->nevents);
	rr_put64(p + n + 8, w->last_icount);
	crc = rr_crc32c(0, p, n + 16);
	rr_put32(p + n + 16, crc);
	rr_put64(tail, off);
	memcpy(tail + 8, TRAILER_MAGIC, 8);
	rc = write_all(w, p, len);
	free(p);
	if (rc == RR_OK)
		rc = write_all(w, tail, TRAILER_LEN);
	return rc;
}

int
rr_writer_close(struct rr_writer *w, uint64_t icount, int64_t status,
    uint32_t reason, const char *text, struct rr_error *err)
{
	uint8_t pre[20];
	size_t n, tlen = text ? strlen(text) : 0;
	int rc = RR_OK;

	rr_clearerr(err);
	if (w == NULL)
		return RR_OK;
	if (w->dead)
		rc = RR_FATAL;
	if (icount < w->last_icount)
		icount = w->last_icount;
	n = rr_vput(pre, rr_zigzag(status));
	n += rr_vput(pre + n, reason);
	if (rc == RR_OK)
		rc = put_event(w, RR_EV_END, icount, pre, n, text, tlen);
	if (rc == RR_OK)
		rc = rr_writer_flush(w);
	if (stop_thread(w) != RR_OK && rc == RR_OK)
		rc = RR_FATAL;
	if (rc == RR_OK)
		rc = write_footer(w);
	/*
	 * A log committed by rename is synced first (rr_output_commit).
	 * A journal is read as far as it got anyway; syncing it would
	 * only slow the recorder.
	 */
	if (rc == RR_OK && w->own_out) {
		rc = rr_output_commit(&w->out_file, &w->err);
		w->own_out = 0;
		w->fd = -1;
		if (rc != RR_OK)
			w->dead = 1;
	}
	if (rc != RR_OK) {
		if (err != NULL)
			*err = w->err;
		rr_writer_abort(w);
		return rc;
	}
	writer_free(w);
	return RR_OK;
}

void
rr_writer_abort(struct rr_writer *w)
{
	if (w == NULL)
		return;
	writer_free(w);
}
