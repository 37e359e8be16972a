/*
 * librr: a recording as a picture's data: its events counted per bucket
 * of instructions, one lane per kind, with the markers and texts a
 * timeline shows (the library under rrdump --html, --svg,
 * --trace-events and rrdiff --html).  Never prints; memory is bounded
 * whatever the log's length.
 */
#ifndef RR_TIMELINE_H
#define RR_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "rr.h"

/*
 * Bounds: the cells (non-empty buckets of all lanes) a timeline keeps,
 * the items of each set, and the bytes of an item's text.  Over them a
 * timeline coarsens (buckets twice as wide) or thins (every other item
 * dropped), so the result of a 100M-event log stays a few MiB.
 */
#define RR_TL_CELLS	(1u << 16)
#define RR_TL_ITEMS	4096u
#define RR_TL_TEXT	120u

/*
 * Buckets: bucket b of a lane holds its events with icount in
 * [origin + (b << shift), origin + ((b + 1) << shift)).  origin is the
 * first event's icount; shift starts at 0 and grows by one each time
 * the cells would pass RR_TL_CELLS (pairs of buckets merge, exactly).
 */
struct rr_tl_cell {
	uint64_t	 bucket;
	uint64_t	 count;
};

/* The events of one kind.  Kinds above 255 share the lane of kind 256. */
#define RR_TL_OTHER	256u
struct rr_tl_lane {
	uint32_t	 kind;
	uint64_t	 events;
	uint64_t	 icount_first, icount_last;
	const struct rr_tl_cell *cells;	/* by bucket, ascending */
	size_t		 ncells;
};

/* One event kept for a marker, a hover text or a side panel. */
struct rr_tl_item {
	uint64_t	 number, icount;
	uint32_t	 kind, device, subkind;
	uint64_t	 value;		/* CLOCK, ENTROPY, CHECKPOINT hash,
					   SEMIHOST errno; GAP resume icount */
	int64_t		 status;	/* END, SEMIHOST */
	uint64_t	 len;		/* the event's data bytes in all */
	size_t		 tlen;		/* of them kept in text */
	uint8_t		 text[RR_TL_TEXT];
};

/*
 * The sets of items: markers (checkpoints, keyframes, marks), breaks
 * (gaps and END), inputs (clock, entropy, bottom halves, semihosting
 * answers) and output.  A set over RR_TL_ITEMS keeps every stride-th
 * of its events (from its first), stride a power of two.
 */
enum rr_tl_set {
	RR_TL_MARKERS = 0,
	RR_TL_BREAKS,
	RR_TL_INPUTS,
	RR_TL_OUTPUT,
	RR_TL_NSETS
};
struct rr_tl_items {
	const struct rr_tl_item *items;	/* by event number */
	size_t		 n;
	uint64_t	 total;		/* events of the set seen */
	uint64_t	 stride;
};
/* The set an event kind's items go to, or -1 for none. */
int		 rr_timeline_set_of(uint32_t kind);

struct rr_timeline;

/* A new, empty timeline (caller frees), or NULL when out of memory. */
struct rr_timeline *rr_timeline_new(void);
void		 rr_timeline_free(struct rr_timeline *tl);	/* accepts NULL */
/*
 * Count ev (events come in the log's order: icounts never go down; an
 * event below the last one is counted at the last one's icount).
 * RR_OK, or RR_FAILED when out of memory (the event is not counted).
 */
int		 rr_timeline_add(struct rr_timeline *tl,
		    const struct rr_event *ev);
/* Events counted, and the icounts of the first and last (0 if none). */
uint64_t	 rr_timeline_events(const struct rr_timeline *tl,
		    uint64_t *first, uint64_t *last);
void		 rr_timeline_scale(const struct rr_timeline *tl,
		    uint64_t *origin, unsigned *shift);
/*
 * The lanes of the kinds seen, by kind (borrowed until the next add or
 * free); *n their number.
 */
const struct rr_tl_lane *rr_timeline_lanes(struct rr_timeline *tl,
		    size_t *n);
/* A set's items (borrowed as the lanes). */
void		 rr_timeline_items(const struct rr_timeline *tl, int set,
		    struct rr_tl_items *out);
/*
 * A lane's events with icount in [lo, hi) summed into ncols equal
 * columns: counts[c] gets those of the buckets whose start falls in
 * column c (a bucket is not split).  counts is zeroed first.  hi > lo.
 */
void		 rr_timeline_columns(const struct rr_timeline *tl,
		    const struct rr_tl_lane *l, uint64_t lo, uint64_t hi,
		    uint64_t *counts, size_t ncols);

#endif /* RR_TIMELINE_H */
