/* librr internals of the editing code (source.c, cut.c, merge.c). */
#ifndef RR_EDIT_INTERNAL_H
#define RR_EDIT_INTERNAL_H

#include <stdint.h>

#include "rr.h"
#include "rredit.h"
#include "format.h"
#include "rrcheck.h"

/* A block header as found on disk, checked but not its payload. */
struct bhdr {
	uint8_t		 raw[BLK_HDR];	/* as read, for a copy */
	struct rr_block	 blk;		/* as rr_block_parse reads it */
};

/*
 * What the verifier rejects in a source (lib/vet.c), found once: the
 * problems in its blocks, and the first in its header and after its
 * last block (footer, junk).
 */
#define SRC_VET_SPOTS	64
struct src_vet {
	int		 done;		/* a run made */
	uint64_t	 lo, hi;	/* the blocks it covered */
	size_t		 n;
	int		 more;		/* more problems than spot[] holds */
	struct rr_problem spot[SRC_VET_SPOTS];
	int		 head_bad, have_end;
	struct rr_problem head, end;
};

struct rr_source {
	struct rr_reader *r;
	int		 fd;		/* for block copies (pread) */
	struct rr_fileid id;		/* never an output (rr_output_open) */
	uint64_t	 file_size;
	uint64_t	 data_start;	/* offset of the first block */
	struct rr_error	 err;
	int		 err_output;	/* err is about the output */
	void		*dctx;		/* ZSTD_DCtx, for lead bytes */
	uint8_t		*frame;
	size_t		 fcap;
	/*
	 * The header of the block after the last one whose payload was
	 * read, taken in the same read: copying costs one read a block.
	 */
	uint8_t		 ahead[BLK_HDR];
	uint64_t	 ahead_off;	/* its offset, or RR_NO_OFFSET */
	size_t		 ahead_len;	/* bytes of it read (to BLK_HDR) */
	uint8_t		*raw;
	size_t		 rcap;
	uint64_t	 rdnext;	/* event the reader returns next */
	void		(*progress)(void *, uint64_t, uint64_t);
	void		*parg;
	struct src_vet	 vet;
};

/*
 * Read the block header at off: 1 with b filled, 0 at the footer or the
 * end of the data, -1 when it is damaged (s->err says how).
 */
int	 src_block(struct rr_source *s, uint64_t off, struct bhdr *b);
/* Seek the reader to event n and read it into ev. */
int	 src_event_at(struct rr_source *s, uint64_t n, struct rr_event *ev);
/*
 * Write source events first..last (inclusive, END never among them) to
 * w: blocks wholly inside are copied, the others decoded.  first_off
 * is the offset of the block event first starts in, if known (else
 * RR_NO_OFFSET: the index finds it).  The reader
 * must be able to reach every event in the range.
 */
int	 src_copy(struct rr_source *s, struct rr_writer *w, uint64_t first,
	    uint64_t first_off, uint64_t last);
/* The log's number of events and the index of its END, if closed. */
int	 src_extent(struct rr_source *s, uint64_t *nevents, uint64_t *last_ic,
	    int *closed);
int	 src_fail(struct rr_source *s, int kind, uint64_t off, uint64_t ev,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* An error of the output (writer): kept on s, RR_FATAL. */
int	 src_outerr(struct rr_source *s, const struct rr_error *e);
/*
 * What the verifier rejects, for an edit (lib/vet.c): the log is
 * verified once per range of blocks, on the first call that needs it.
 * RR_OK, or RR_FAILED with the problem as s's error (RR_FATAL on
 * trouble).  src_vet_event: event n, whose block is at boff (the whole
 * log is verified); src_vet_events: events first..last, their blocks
 * found by the index (only those blocks are verified).
 */
int	 src_vet_event(struct rr_source *s, uint64_t n, uint64_t boff);
int	 src_vet_events(struct rr_source *s, uint64_t first, uint64_t last);
/* The first problem after the last block (footer, junk), or NULL. */
const struct rr_problem *src_vet_end(struct rr_source *s);
/* Copy the reader's error to the source; returns its grade. */
int	 src_rerr(struct rr_source *s);

#endif /* RR_EDIT_INTERNAL_H */
