/*
 * The machine modes of rrdiff and rrcut: the state a log says the
 * machine had at an instruction count, the first instruction after which
 * two replays differ, and keyframes made anywhere (rrcut --exact; lib/
 * never depends on emu/).  Nothing here prints.
 */
#ifndef EMU_EXACT_H
#define EMU_EXACT_H

#include <stddef.h>
#include <stdint.h>

#include "replaycheck.h"

struct rr_snap;
struct rr_error;

/*
 * Replay log to icount and save the machine's state there as a new
 * snapshot (*out; caller frees).  REPLAY_MATCHED, or another enum
 * replay_result with rep->err saying why (the log ends before icount,
 * it diverges, it cannot be read).
 */
int		 exact_state_at(const char *log, const char *logname,
		    uint64_t icount, struct rr_snap **out,
		    struct emu_replay_report *rep);

/* Where two replays part, instruction by instruction. */
struct exact_result {
	int		 found;		/* states differ after instruction */
	uint64_t	 icount;	/* the count after it */
	uint32_t	 pc;		/* its address */
	struct rr_snap	*a, *b;		/* both states after it (new) */
	uint64_t	 compared;	/* instructions stepped in lock step */
};

/*
 * Replay a and b to from (the last icount at which their states are
 * known to agree), then step both one instruction at a time, comparing
 * state hashes, until they differ, to is passed, or either run ends.
 * Returns REPLAY_MATCHED with x filled (x->found 0: no difference up to
 * to), or another enum replay_result with rep->err and rep->blame (1 a,
 * 2 b) saying which log failed and why.  Free x->a and x->b.
 */
int		 exact_diff(const char *a, const char *b, const char *aname,
		    const char *bname, uint64_t from, uint64_t to,
		    struct exact_result *x, struct emu_replay_report *rep);

/*
 * Keyframes at any instruction count of the log at path, made by one
 * replay walking forwards (rrcut --split --exact asks for them in
 * ascending order; an earlier target starts the walk again).
 */
struct exact_walk;
/* 0, or -1 with err filled. */
int		 exact_walk_open(struct exact_walk **wp, const char *path,
		    struct rr_error *err);
/*
 * Replay to icount target, from where the walk is or from the log's
 * keyframe numbered key_event at key_icount if the walk is not between
 * that and target, checking every event on the way, and encode the
 * state there as a keyframe (a snapshot image, new: caller frees *buf).
 * *next_event: the number of the log's first event not applied to that
 * state.  0, or -1 with err filled (a divergence, a damaged log, a
 * target the recording never reaches).
 */
int		 exact_walk_keyframe(struct exact_walk *w, uint64_t key_event,
		    uint64_t key_icount, uint64_t target, uint8_t **buf,
		    size_t *len, uint64_t *next_event, struct rr_error *err);
/* Accepts NULL. */
void		 exact_walk_close(struct exact_walk *w);

#endif /* EMU_EXACT_H */
