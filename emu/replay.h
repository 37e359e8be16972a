/*
 * A replay session: the machine built from a log, started at its first
 * keyframe, a given keyframe, the last keyframe before a target, or a
 * snapshot of the same recording; run through the gate in replay mode
 * to an icount or to the recording's end; its state saved; closed.
 * rremu replay, rrverify --replay, rrdiff --at/--exact and rrcut --exact
 * use it, and how a replay ended is decided here alone
 * (replay_outcome).  Nothing here prints: errors are typed
 * (emu/error.h).
 */
#ifndef EMU_REPLAY_H
#define EMU_REPLAY_H

#include <stdint.h>

#include "error.h"
#include "gate.h"
#include "../lib/rr.h"

struct emu_progress;
struct machine;
struct rr_snap;

struct replay {
	struct machine	*m;		/* the machine replayed (caller's) */
	struct rr_reader *r;		/* the log, at the next event to
					   apply */
	struct rr_snap	*resume;	/* the state the replay started from */
	struct rr_header h;		/* the log's header */
	struct gate_config gc;		/* as the gate is attached */
	const char	*logname;	/* the log in messages */
	uint64_t	 first;		/* the first keyframe's icount */
	uint64_t	 end;		/* a closed log's last icount, else
					   UINT64_MAX */
	const struct emu_progress *pg;	/* told how far replay_run is, or
					   NULL (set after replay_open) */
};

/*
 * Open log and build *m (uninitialised on entry) for the machine its
 * header describes, not yet in any state; guest output of the replay
 * goes to out_fd (-1: nowhere).  0, or -EMU_BLAME_LOG with e filled (kind,
 * offset, event, msg, naming the log as logname).  replay_close frees
 * what was set, in either case.
 */
int		 replay_open(struct replay *p, struct machine *m,
		    const char *log, const char *logname, int out_fd,
		    struct emu_error *e);
/*
 * Put the machine in its start state and attach the gate: the state of
 * snapshot file load (which must belong to the recording), else the
 * log's first keyframe moved on to the last keyframe at or before
 * target where the log is closed and holds target (0: the first).  0,
 * or -EMU_BLAME_LOG / -EMU_BLAME_SNAPSHOT / -EMU_BLAME_MACHINE with e filled.
 */
int		 replay_start(struct replay *p, const char *load,
		    uint64_t target, struct emu_error *e);
/*
 * The same from the keyframe numbered n, which must be at or before
 * target; a replay already started leaves its state for it.  0, or
 * -EMU_BLAME_LOG / -EMU_BLAME_MACHINE with e filled.
 */
int		 replay_start_keyframe(struct replay *p, uint64_t n,
		    uint64_t target, struct emu_error *e);

struct replay_outcome {
	int		 result;	/* enum emu_result */
	int		 stop;		/* enum emu_stop */
	int		 has_end;	/* END was reached: reason, status */
	uint32_t	 reason;	/* END's reason */
	int64_t		 status;	/* END's exit status */
	const struct rr_error *trunc;	/* TRUNCATED: where (borrowed) */
	const struct rr_event *gap;	/* GAP: the event (borrowed) */
};

/*
 * The one place that says how a run of m (through any gate) came out:
 * machine_run returned stop, and a limit stop at icount end is the
 * recording's end (UINT64_MAX: no limit is).  A recording that ends
 * with the guest's exit where this guest has not exited is a divergence
 * (m->err says so).  Returns o->result.
 */
int		 replay_outcome(struct machine *m, int stop, uint64_t end,
		    struct replay_outcome *o);
/*
 * Run a started replay to icount to (EMU_AT there, even at the
 * recording's last icount), or to the recording's end if that comes
 * first (to UINT64_MAX: to the end), and say how it came out (a guest
 * exit is checked against the recording's END).  p->pg, if set, is told
 * (icount reached, icount going to or 0) every EMU_PROGRESS_STEP
 * instructions.  Returns o->result.
 */
int		 replay_run(struct replay *p, uint64_t to,
		    struct replay_outcome *o);
/* The machine's state and the gate's as a new snapshot (*out).  0, -1. */
int		 replay_save(struct replay *p, struct rr_snap **out);
/*
 * Detach the gate and free the machine, reader and start state; a
 * session closed (or zeroed) is closed again for nothing.
 */
void		 replay_close(struct replay *p);

#endif /* EMU_REPLAY_H */
