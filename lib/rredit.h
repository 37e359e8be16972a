/*
 * librr: editing recordings: cut, split, salvage and merge (the library
 * under rrcut and rrmerge).  Never prints; errors on the handle.
 */
#ifndef RR_EDIT_H
#define RR_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "rr.h"

/*
 * A log opened for editing: a reader for its events and the file itself
 * for copying whole blocks, so it must be seekable (a file, not a pipe).
 */
struct rr_source;

/* Open path ("-": standard input, if it is a file).  *sp NULL on failure. */
int		 rr_source_open(struct rr_source **sp, const char *path,
		    struct rr_error *err);
void		 rr_source_close(struct rr_source *s);	/* accepts NULL */
/* Borrowed, valid until close. */
const struct rr_header *rr_source_header(const struct rr_source *s);
const struct rr_error *rr_source_error(const struct rr_source *s);
/* 1 when the last error is about the output written, not the log. */
int		 rr_source_error_output(const struct rr_source *s);
/* The underlying reader (borrowed): for resolving ranges, dumping. */
struct rr_reader *rr_source_reader(struct rr_source *s);
/* Progress: cb(arg, bytes done, bytes in all) per block; NULL: off. */
void		 rr_source_set_progress(struct rr_source *s,
		    void (*cb)(void *, uint64_t, uint64_t), void *arg);

/* ---- Cut ---- */

/* What to keep: a range of event numbers or instruction counts. */
struct rr_cut_spec {
	int		 by_icount;	/* lo, hi are icounts, else events */
	uint64_t	 lo, hi;	/* inclusive; hi UINT64_MAX: to END */
};

/* What a cut does, resolved against the log (rr_cut_plan). */
struct rr_cut_plan {
	uint64_t	 key_event;	/* the keyframe it starts at */
	uint64_t	 key_icount;
	uint64_t	 key_offset;	/* its block's, or RR_NO_OFFSET */
	uint64_t	 last_event;	/* last event kept (END not counted) */
	uint64_t	 end_icount;	/* icount of the output's END */
	int		 keeps_end;	/* ends with the log's own END */
	int64_t		 end_status;	/* the END written: status, reason */
	uint32_t	 end_reason;
	char		 end_text[256];
	uint64_t	 events;	/* events in the output, END included */
	uint64_t	 bytes;		/* about the output's size */
};

/*
 * Resolve spec against s: start at the last keyframe at or before the
 * range's start; keep every event up to the range's end, and since a
 * replay stops at an instruction boundary, every event at the range's
 * last icount; END (reason cut) at the next icount.  A range that
 * reaches the log's END keeps it.  RR_OK, or RR_FAILED with the reason
 * on s (empty range: RR_E_INVAL; a log not closed: RR_E_TRUNCATED).
 */
int		 rr_cut_plan(struct rr_source *s, const struct rr_cut_spec *spec,
		    struct rr_cut_plan *p);
/*
 * Write the cut to out ("-": standard output) through a temporary file
 * renamed when complete: whole blocks inside the range are copied as
 * they are, the boundary blocks decoded and written again.  The header
 * keeps the recording id and gains the provenance fields (1.1).
 */
int		 rr_cut_write(struct rr_source *s, const struct rr_cut_plan *p,
		    const char *out);

/*
 * Same, but the output starts with the keyframe kf (len bytes, a
 * snapshot image made by replaying p's keyframe to icount: rrcut
 * --exact, emu/exact.c) followed by the log's events from next_event
 * on (the first not applied to that state).  origin_flags says so.
 */
int		 rr_cut_write_keyed(struct rr_source *s,
		    const struct rr_cut_plan *p, const void *kf, size_t len,
		    uint64_t icount, uint64_t next_event, const char *out);

/* ---- Split ---- */

/*
 * Split points for pieces: the keyframes at or before each target
 * icount, in order, without repeats (the first is always the log's
 * first keyframe).  targets[] ascending; *np in: room in keys[], out:
 * the number found.  Each piece runs from one key to the next.
 */
struct rr_key {
	uint64_t	 event, icount;
	uint64_t	 offset;	/* of the block it starts in */
};
int		 rr_split_keys(struct rr_source *s, const uint64_t *targets,
		    size_t ntargets, struct rr_key *keys, size_t *np);
/* Icounts where the log's bytes pass multiples of size (for --size). */
int		 rr_split_targets_by_size(struct rr_source *s, uint64_t size,
		    uint64_t *targets, size_t *n, size_t room);
/* The plan of the piece from keys[i] to keys[i + 1] (or to END). */
int		 rr_split_plan(struct rr_source *s, const struct rr_key *keys,
		    size_t nkeys, size_t i, struct rr_cut_plan *p);

/* ---- Salvage ---- */

struct rr_salvage_report {
	int		 lost;		/* anything lost at all */
	int		 closed;	/* the input was a closed log */
	uint64_t	 events_kept;	/* input events kept (END not counted) */
	uint64_t	 events_lost;	/* input events not kept, at least */
	uint64_t	 icount_kept;	/* the output's END icount */
	uint64_t	 icount_last;	/* last icount the input's blocks name */
	uint64_t	 damage_offset;	/* first byte not used, or RR_NO_OFFSET */
	uint64_t	 bytes_lost;	/* input bytes of blocks not kept */
	struct rr_error	 why;		/* what the damage was */
	/*
	 * Where readable blocks after the damage hold a keyframe, what
	 * follows it is kept too, after a gap (format 1.2): segments 2.
	 */
	int		 segments;
	uint64_t	 resume_offset;	/* its block, or RR_NO_OFFSET */
	uint64_t	 resume_event;	/* the keyframe's number in the input */
	uint64_t	 resume_icount;
	uint64_t	 icount_lost;	/* instructions in no kept stretch */
	uint64_t	 damage2_offset; /* damage that ends the second */
	struct rr_error	 why2;		/* ... and what it was */
};
/*
 * Keep everything before the first damage as a closed log (END reason
 * cut, or the input's own END when it has one), written to out unless
 * out is NULL (a dry run).  Where a readable block after the damage
 * leads to a keyframe, the events from it on to the end (or the next
 * damage) follow a gap event as a second stretch.  RR_OK with rep filled, whether or not
 * anything was lost; RR_FAILED when nothing can be kept.
 */
int		 rr_salvage(struct rr_source *s, const char *out,
		    struct rr_salvage_report *rep);

/* ---- Merge ---- */

struct rr_merge_options {
	int		 force;		/* merge other recordings' pieces */
	int		 allow_gaps;	/* mark gaps (1.2) instead of refusing */
};
struct rr_merge_report {
	size_t		 piece;		/* input at fault (index) */
	size_t		 other;		/* the input it disagrees with, or
					   SIZE_MAX */
	uint64_t	 offset;	/* in the piece at fault */
	uint64_t	 event;		/* its event number there */
	char		 what[512];
	int		 at_output;	/* what is about the output file */
	size_t		 order[256];	/* the inputs in merge order */
	size_t		 norder;
	uint64_t	 events;	/* events written */
	uint64_t	 gaps;		/* gaps marked (allow_gaps) */
};
#define RR_MERGE_MAX	256
/*
 * Join pieces of one recording into out.  Pieces are ordered by the
 * icount of their first event, then by origin event number, then the
 * longer first, then as given; overlaps must agree event for event;
 * gaps are refused, or with allow_gaps marked by a GAP event before the
 * piece that resumes (formats/rrlog.md, "Gaps").  RR_OK; RR_FAILED when the inputs say no (rep says
 * why, nothing is written); RR_FATAL on trouble (rep->what).
 */
int		 rr_merge(struct rr_source **pieces, size_t n, const char *out,
		    const struct rr_merge_options *o, struct rr_merge_report *rep);

#endif /* RR_EDIT_H */
