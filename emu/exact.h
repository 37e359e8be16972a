/*
 * rrdiff's machine modes: the state a log says the machine had at an
 * instruction count, and the first instruction after which two replays
 * differ.  Nothing here prints.
 */
#ifndef EMU_EXACT_H
#define EMU_EXACT_H

#include <stdint.h>

#include "verify.h"

struct rr_snap;

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

#endif /* EMU_EXACT_H */
