/*
 * Replaying a log: the machine built from the log's first keyframe (or a
 * snapshot of the same recording, or its last keyframe before a target),
 * positioned in the log, and a run to
 * the recording's end.  rremu, rrverify --replay and rrdiff --exact use
 * the same code.  Nothing here prints: errors are typed (emu/error.h).
 */
#ifndef EMU_REPLAY_H
#define EMU_REPLAY_H

#include <stdint.h>

#include "error.h"

struct machine;
struct rr_reader;
struct rr_snap;
struct rr_header;

/* Which input an error of replay_boot is about. */
enum replay_blame {
	REPLAY_LOG = 1,		/* the log (or the machine it asks for) */
	REPLAY_SNAPSHOT = 2	/* the snapshot to start from */
};

/*
 * Open log and build m (uninitialised on entry) as its first keyframe
 * says, or, with load, from that snapshot file, which must belong to the
 * recording.  *rp is left at the first event not yet applied, *resume
 * holds the start state (the gate restores its section), *h the log's
 * header, *end the last icount of a closed log (else UINT64_MAX).  0, or
 * -REPLAY_LOG / -REPLAY_SNAPSHOT with e filled (kind, offset, event,
 * msg, naming the log as logname); the caller frees what was set (machine_free, rr_reader_close,
 * rr_snap_free) in either case.
 */
int		 replay_boot(struct machine *m, const char *log,
		    const char *logname, const char *load,
		    struct rr_reader **rp,
		    struct rr_snap **resume, struct rr_header *h,
		    uint64_t *end, struct emu_error *e);

/*
 * Move a replay that replay_boot started (no gate attached yet) to the
 * last keyframe at or before target, if it is later than m's state: the
 * keyframe is loaded into m, replaces *resume, and r is left at the
 * first event not applied to it (gate.next_event where the keyframe has
 * it, else the event after it), found by rr_reader_last_keyframe.  0,
 * or -REPLAY_LOG with e filled.
 */
int		 replay_nearest(struct machine *m, struct rr_reader *r,
		    struct rr_snap **resume, uint64_t target,
		    struct emu_error *e);

/* How a replay to the end came out. */
enum replay_result {
	REPLAY_MATCHED = 0,	/* every event and checkpoint matched, to
				   END (or to the end of an unclosed log) */
	REPLAY_DIVERGED,	/* m->err says where */
	REPLAY_TROUBLE,		/* m->err says why */
	REPLAY_UNFINISHED	/* the recording ends where the guest does
				   not (limit, stop): matched so far */
};

/*
 * Replay from where replay_boot left m (a gate attached in replay mode)
 * to the end of the recording, checking as the gate does.  Returns an
 * enum replay_result.
 */
int		 replay_run(struct machine *m, uint64_t end);

#endif /* EMU_REPLAY_H */
