/*
 * What rrverify and rrdiff need the machine for: a snapshot's state hash
 * recomputed from its fields, a keyframe loaded as this machine's state.
 * lib/ checks the format; this checks that the state is one this machine
 * can be in.  Nothing here prints.
 */
#ifndef EMU_REPLAYCHECK_H
#define EMU_REPLAYCHECK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "../lib/rr.h"

struct rr_snap;
struct emu_check;

/* A checker with no machine yet (built on first use); NULL on ENOMEM. */
struct emu_check *emu_check_new(void);
void		 emu_check_free(struct emu_check *c);	/* accepts NULL */

/*
 * Load s into a machine of its configuration and recompute its state
 * hash from the fields.  0, or -1 with msg saying what is wrong (a
 * missing section, a field of the wrong type, size or range, RAM of
 * another size, a hash that differs).
 */
int		 emu_check_snap(struct emu_check *c, const struct rr_snap *s,
		    char *msg, size_t len);
/* The same as an rr_verify keyframe hook (arg: a struct emu_check). */
int		 emu_check_keyframe(void *arg, const struct rr_snap *s,
		    const struct rr_event *ev, char *msg, size_t len);

/* What a replay check found. */
struct emu_replay_report {
	int		 result;	/* enum replay_result (emu/replay.h) */
	int		 blame;		/* on boot failure: REPLAY_LOG or
					   REPLAY_SNAPSHOT; 0 otherwise */
	struct emu_error err;		/* DIVERGED, TROUBLE, boot failure */
	uint64_t	 icount;	/* where the replay ended */
	uint64_t	 events;	/* log events checked */
	uint64_t	 state_hash;	/* --log: the state replayed to */
	int		 replayed;	/* the log ran through the machine: icount
					   and events say how far */
	/* DIVERGED: the last checkpoint that agreed, and the parts of
	   the state that differ (a checkpoint's; none for other kinds). */
	uint64_t	 agreed;
	uint32_t	 parts[RR_PARTS_MAX];
	uint32_t	 nparts;
};

/*
 * Replay log to its end through the machine (the code rremu replay
 * runs), checking every event, checkpoint and END.  logname names the
 * log in messages.  Returns the result (also in rep->result); a log or
 * snapshot that cannot be used is REPLAY_TROUBLE with rep->blame set.
 */
int		 emu_verify_replay(const char *log, const char *logname,
		    struct emu_replay_report *rep);
/*
 * Does snapshot s hold the state that log says the machine had at s's
 * instruction count?  Checks that it belongs to the recording, replays
 * the log to that count and compares state hashes.  REPLAY_MATCHED,
 * REPLAY_DIVERGED (rep->err says how), or REPLAY_TROUBLE.
 */
int		 emu_verify_snap_log(const struct rr_snap *s, const char *log,
		    const char *logname, struct emu_replay_report *rep);

#endif /* EMU_REPLAYCHECK_H */
