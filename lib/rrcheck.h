/* librr: checking a log (rrverify) and comparing two logs (rrdiff). */
#ifndef RRCHECK_H
#define RRCHECK_H

#include "rr.h"

/*
 * The library finds and classifies; it never prints.  Problems and
 * differences reach the caller through callbacks as they are found, so
 * memory does not grow with their number; totals come back in a result
 * struct.  Strings in a callback's argument are borrowed for the call.
 */

/* ---- Verifying a log ---- */

/* Verdicts, from best to worst but for unsupported (trouble, not data). */
enum rr_verdict {
	RR_VERDICT_VALID = 0,
	RR_VERDICT_TRUNCATED = 1,	/* data ends early; all before is good */
	RR_VERDICT_CORRUPT = 2,		/* damage: checksum, structure, value */
	RR_VERDICT_UNSUPPORTED = 3	/* newer major version, block flags */
};
const char	*rr_verdict_name(int verdict);	/* "valid", ... */

#define RR_NO_BLOCK	UINT64_MAX

/* One problem, as found.  kind is an enum rr_errkind. */
struct rr_problem {
	int		 kind;
	uint64_t	 offset;	/* of the damaged field, or RR_NO_OFFSET */
	uint64_t	 event;		/* or RR_NO_EVENT */
	uint64_t	 block;		/* ordinal of the block in the file, or
					   RR_NO_BLOCK */
	uint64_t	 block_offset;	/* its header's offset, or RR_NO_OFFSET */
	const char	*check;		/* short name of the failed check */
	char		 msg[256];	/* what, without the position */
};

#define RR_VERIFY_NAMES	8	/* unknown kinds and types named */

/* What a verification found, filled whatever the verdict. */
struct rr_verify_report {
	int		 verdict;	/* enum rr_verdict */
	int		 header_ok;	/* hdr holds the file's header */
	struct rr_header hdr;
	uint64_t	 file_size;	/* bytes read in all */
	uint64_t	 blocks;	/* blocks whose header was read */
	uint64_t	 events;	/* events decoded, in all */
	uint64_t	 icount_last;	/* of the last event decoded */
	uint64_t	 problems;

	/* Up to the first damage: what rrcut --salvage keeps. */
	uint64_t	 good_events, good_icount, good_bytes;
	/* Damage: where it starts and what can be read past it. */
	uint64_t	 damage_offset;		/* or RR_NO_OFFSET */
	uint64_t	 damaged_blocks;
	uint64_t	 after_events;		/* decoded past the damage */
	uint64_t	 after_first_event;	/* first of them, or RR_NO_EVENT */

	/* Newer minor versions: skipped, counted and named. */
	uint64_t	 unknown_events, unknown_blocks;
	uint32_t	 unknown_kinds[RR_VERIFY_NAMES];
	uint32_t	 unknown_types[RR_VERIFY_NAMES];
	int		 nunknown_kinds, nunknown_types;

	/*
	 * Gaps (1.2): events missing from the recording, marked; a replay
	 * stops at the first.  Where the first is and where it resumes.
	 */
	uint64_t	 gaps;
	uint64_t	 gap_event, gap_icount;
	uint64_t	 gap_resume_event, gap_resume_icount;

	uint64_t	 checkpoints, keyframes;
	uint64_t	 keyframes_matched;	/* hash equal to a checkpoint's */
	int		 ended;		/* END seen */
	int64_t		 end_status;
	uint32_t	 end_reason;
	int		 indexed;	/* footer present and checked good */
	int		 closed;	/* END, footer and trailer all good */
};

struct rr_verify;
struct rr_snap;

/* A new verifier (caller frees with rr_verify_free), or NULL on ENOMEM. */
struct rr_verify *rr_verify_new(void);
void		 rr_verify_free(struct rr_verify *v);	/* accepts NULL */
/* Each problem as it is found; NULL: only counted. */
void		 rr_verify_set_problem(struct rr_verify *v,
		    void (*cb)(void *arg, const struct rr_problem *p),
		    void *arg);
/* cb(arg, offset, size) after each block; size 0 on a pipe. */
void		 rr_verify_set_progress(struct rr_verify *v,
		    void (*cb)(void *arg, uint64_t offset, uint64_t size),
		    void *arg);
/*
 * Checks that need more than the format (the machine: emu/verify.c).
 * Called for each keyframe that decoded as a snapshot of the log's
 * machine; s is borrowed for the call.  Returns 0, or -1 with a message
 * in msg: a corrupt keyframe.
 */
void		 rr_verify_set_keyframe(struct rr_verify *v,
		    int (*cb)(void *arg, const struct rr_snap *s,
		    const struct rr_event *ev, char *msg, size_t len),
		    void *arg);
/*
 * Check the header and only the blocks that start from offset from (a
 * block's start) to offset to, and those an event begun there runs on
 * into: what rrcut and rrmerge copy.  Block ordinals count from the
 * first of them; the footer and the log's end are not checked; the
 * verdict speaks of that part.
 */
void		 rr_verify_set_range(struct rr_verify *v, uint64_t from,
		    uint64_t to);
/*
 * Check a whole log: path ("-": stdin), or an open descriptor the caller
 * owns.  RR_OK with rep filled (the verdict says what the data is), or
 * RR_FATAL when the file cannot be read (I/O, memory): error on the
 * handle, rep filled as far as it got.  The input is never modified.
 */
int		 rr_verify_log(struct rr_verify *v, const char *path,
		    struct rr_verify_report *rep);
int		 rr_verify_log_fd(struct rr_verify *v, int fd,
		    struct rr_verify_report *rep);
/*
 * Same, when the first plen bytes of a pipe were already read (to probe
 * it, say): they are taken from prefix (copied) before fd.  A seekable
 * fd is read from offset 0, and prefix is not used.
 */
int		 rr_verify_log_prefix(struct rr_verify *v, int fd,
		    const void *prefix, size_t plen,
		    struct rr_verify_report *rep);
const struct rr_error *rr_verify_error(const struct rr_verify *v);

/* ---- Comparing two logs ---- */

/*
 * Events are aligned by their order in each stream, kind by kind: the
 * n-th clock read of a with the n-th of b, the n-th output with the
 * n-th output, and so on.  Inputs (bottom halves, clock and entropy
 * reads, semihosting answers) come from the host; a pair of inputs
 * that differs is a cause.  Everything else is the guest's behaviour
 * (output, checkpoints, keyframes, marks, END); the first pair of it
 * that differs after a cause is that cause's effect.  Later pairs that
 * differ are the cause's consequences: counted, not reported one by
 * one.
 */
enum rr_diff_class {
	RR_DIFF_CLASS_INPUT = 1,	/* from the host: a cause */
	RR_DIFF_CLASS_BEHAVIOUR		/* the guest's own */
};
int		 rr_diff_kind_class(uint32_t kind);

/* What an item is. */
enum rr_diff_type {
	RR_DIFF_HEADER = 1,	/* a machine configuration field differs */
	RR_DIFF_CAUSE,		/* an input differs (value, or, as the
				   first difference, only its icount) */
	RR_DIFF_EFFECT,		/* behaviour differs: the first after a
				   cause, or one no cause came before */
	RR_DIFF_EOF,		/* one log ends, the other goes on, with no
				   cause before */
	RR_DIFF_SUMMARY		/* with all: a cause's consequences */
};
const char	*rr_diff_type_name(int type);	/* "header", ... */

/*
 * A copy of an event kept for pairing and reporting; its pointers are
 * its own.  Payloads are compared by length and digest and only their
 * first RR_DIFF_KEEP bytes are kept (ev.len), so memory stays bounded
 * whatever the events hold.
 */
#define RR_DIFF_KEEP	256
struct rr_diff_event {
	struct rr_event	 ev;		/* data points into bytes, ev.len of
					   them; a keyframe keeps none */
	uint64_t	 size;		/* the whole payload's length */
	uint64_t	 digest;	/* XXH64 of the whole payload; a
					   keyframe: the state it holds */
	int		 ignored;	/* context: a kind left out */
	uint8_t		 bytes[RR_DIFF_KEEP];
};

/* Where a difference is, as a result record says it. */
struct rr_diff_point {
	int		 set;
	uint32_t	 kind;		/* a's event's, else b's */
	uint64_t	 event[2];	/* RR_NO_EVENT on a side with none */
	uint64_t	 icount[2];	/* UINT64_MAX on a side with none */
};

#define RR_DIFF_CAND	8

struct rr_diff_item {
	int		 type;		/* enum rr_diff_type */
	const char	*field;		/* HEADER: the field name */
	char		 a_text[RR_STRING_MAX], b_text[RR_STRING_MAX];
	/* CAUSE, EFFECT, EOF: the events; NULL on a side with none. */
	const struct rr_diff_event *a, *b;
	int		 shifted;	/* CAUSE, EFFECT: only icounts differ */
	/* Up to context events before, on each side, oldest first,
	   ignored kinds included (marked). */
	const struct rr_diff_event *ctx_a, *ctx_b;
	size_t		 nctx_a, nctx_b;
	/* CAUSE, EFFECT, EOF: up to context events after a and b, on each
	   side, oldest first, ignored kinds included (marked); fewer at
	   the end of a log or where the next item comes first. */
	const struct rr_diff_event *after_a, *after_b;
	size_t		 nafter_a, nafter_b;
	/* EFFECT of a checkpoint: the parts whose hashes differ. */
	uint32_t	 parts[RR_PARTS_MAX];
	uint32_t	 nparts;
	/* EFFECT: its cause (has_cause 0: none came before it). */
	int		 has_cause;
	struct rr_diff_point cause;
	/* CAUSE, EFFECT: the last place the states were known to agree. */
	int		 have_agree;
	int		 agree_prefix;	/* not a checkpoint: the events before
					   agree_event_a are stored in the
					   same bytes */
	uint64_t	 agree_icount, agree_event_a, agree_event_b;
	/* EFFECT: differing inputs since then, and the first of them
	   (at most RR_DIFF_CAND), oldest first: the candidate causes. */
	uint64_t	 inputs;
	const struct rr_diff_event *cand_a, *cand_b;
	size_t		 ncand;
	/* EOF: which log ended (0 a, 1 b) after how many events. */
	int		 eof_side;
	uint64_t	 eof_events;
	/* SUMMARY: after the cause (a, b: it), up to the next one or the
	   end: pairs that differ only in icount, pairs that differ
	   otherwise, events with no partner, inputs that differ. */
	uint64_t	 n_shifted, n_changed, n_unpaired, n_inputs;
};

struct rr_diff_options {
	uint32_t	 context;	/* events of context (-C) */
	int		 all;		/* every independent difference */
	uint64_t	 max;		/* with all: at most this many; 0 none */
	uint8_t		 ignore[32];	/* bit per kind 0..255 to leave out */
	int		 ignore_other;	/* and kinds above 255 */
	/*
	 * Ranges (ranged set): only events numbered ev_lo..ev_hi at
	 * icounts ic_lo..ic_hi are compared, per side (0 a, 1 b).
	 */
	int		 ranged;
	uint64_t	 ev_lo[2], ev_hi[2], ic_lo[2], ic_hi[2];
};

/* Totals of a comparison. */
struct rr_diff_report {
	uint64_t	 differences;	/* independent: header fields, causes,
					   effects with no cause, EOF */
	uint64_t	 causes;	/* CAUSE items */
	uint64_t	 inputs;	/* input pairs that differ */
	uint64_t	 events_a, events_b;	/* compared */
	uint64_t	 blocks_skipped;	/* identical stored bytes */
	uint64_t	 checkpoints;	/* checkpoint pairs compared */
	int		 header_differs;
	int		 same;		/* nothing compared differed */
	/* The first difference: its cause (an input) and its effect (the
	   guest's behaviour); either may be unset. */
	struct rr_diff_point cause, effect;
	/* Where the states last agreed before the first effect (or, with
	   no effect, the first cause): for a lock-step replay. */
	int		 have_agree;
	uint64_t	 agree_icount;
	/*
	 * The alignment stopped: more than RR_DIFF_LAG events of one side
	 * waited for a partner (the streams part too far).  At which
	 * event of each side.
	 */
	int		 gave_up;
	uint64_t	 gave_up_event[2];
	/*
	 * A log (0 a, 1 b) compared to its end whose end is not a valid
	 * footer (rr_reader_end_error): what, where.  Kind 0 when none.
	 */
	struct rr_error	 end_err[2];
};
#define RR_DIFF_LAG	1024

struct rr_diff;

struct rr_diff	*rr_diff_new(const struct rr_diff_options *o);
void		 rr_diff_free(struct rr_diff *d);	/* accepts NULL */
/* Each item as it is found (borrowed for the call). */
void		 rr_diff_set_item(struct rr_diff *d,
		    void (*cb)(void *arg, const struct rr_diff_item *it),
		    void *arg);
/*
 * The log "-" stands for: r, already open (a reader that probed
 * standard input, rr_reader_open_prefix).  The comparison takes it and
 * closes it; without one, "-" is opened as standard input.
 */
void		 rr_diff_use_reader(struct rr_diff *d, struct rr_reader *r);
/*
 * Compare two logs ("-": stdin for one of them), streaming: memory
 * stays within a bound set by RR_DIFF_LAG and the context.  RR_OK with
 * rep filled (rep->same says whether they are the same); RR_FATAL when
 * a log cannot be read, is damaged before the point of difference, or
 * is not supported: rr_diff_error says why, and *side (0 a, 1 b)
 * which.  A log that ends early (truncated) is not an error: it is a
 * prefix (RR_DIFF_EOF).  Blocks whose stored bytes are the same in
 * both files are skipped without being decompressed.  Without all, the
 * comparison stops at the first cause's effect.
 */
int		 rr_diff_logs(struct rr_diff *d, const char *a, const char *b,
		    struct rr_diff_report *rep);
const struct rr_error *rr_diff_error(const struct rr_diff *d, int *side);

/* ---- Comparing two snapshots ---- */

enum rr_snapdiff_type {
	RR_SNAPDIFF_META = 1,	/* header or meta: field names it */
	RR_SNAPDIFF_SECTION,	/* a section only one side has */
	RR_SNAPDIFF_FIELD,	/* a field missing on one side, of another
				   type, or a scalar/bytes value differs */
	RR_SNAPDIFF_ELEMENT,	/* one element of a U32S/U64S array */
	RR_SNAPDIFF_PAGES	/* a run of differing memory pages */
};

struct rr_snap_field;

/* One difference; strings and fields borrowed for the call. */
struct rr_snapdiff_item {
	int		 type;		/* enum rr_snapdiff_type */
	const char	*section;	/* NULL for META */
	const char	*field;		/* META: "icount", "ram_size", ... */
	int		 in_a, in_b;	/* SECTION, FIELD: present where */
	const struct rr_snap_field *fa, *fb;	/* FIELD: both, if present */
	uint64_t	 index;		/* ELEMENT: array index */
	uint64_t	 a, b;		/* META, ELEMENT values; PAGES: the
					   first differing byte on each side */
	uint64_t	 page_first, page_last;	/* PAGES: inclusive */
	uint64_t	 byte;		/* PAGES: offset of the first
					   differing byte in the memory */
};

/*
 * Compare two snapshots field by field, section by section (metadata:
 * recording id, creation time, tool version are not compared).  Memory
 * (PAGES) is compared page by page and reported as runs of differing
 * pages.  Returns RR_OK with *ndiff the number of items reported, or
 * RR_FAILED with err filled (memory that does not decompress, or is over
 * 1 GiB, which is not compared).
 */
int		 rr_snap_diff(const struct rr_snap *a, const struct rr_snap *b,
		    void (*cb)(void *arg, const struct rr_snapdiff_item *it),
		    void *arg, uint64_t *ndiff, struct rr_error *err);

#endif /* RRCHECK_H */
